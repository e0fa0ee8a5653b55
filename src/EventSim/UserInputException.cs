namespace NeuroChip.EventSim;

/// <summary>
/// An error the user can fix: a malformed file, an impossible configuration, a network that does
/// not fit. The message says what was wrong, where, and what to do; hosts print it without a stack trace.
/// </summary>
public class UserInputException : Exception
{
    public UserInputException(string message) : base(message) { }

    public UserInputException(string message, Exception inner) : base(message, inner) { }

    public UserInputException() { }
}
