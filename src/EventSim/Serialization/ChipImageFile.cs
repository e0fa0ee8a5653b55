using NeuroChip.EventSim.Model;

namespace NeuroChip.EventSim.Serialization;

/// <summary>Reads and writes chip images by file extension: <c>.json</c> is readable JSON, anything else binary.</summary>
public static class ChipImageFile
{
    public static bool IsJson(string path) => path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    public static void Write(string path, ChipImage image)
    {
        if (IsJson(path))
        {
            AtomicFile.WriteAllText(path, ChipImageJson.Serialize(image));
        }
        else
        {
            AtomicFile.Write(path, stream => ChipImageBinary.Write(stream, image));
        }
    }

    /// <summary>Reads and validates an image; every problem is a <see cref="UserInputException"/>.</summary>
    public static ChipImage Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new UserInputException($"Chip image '{path}' does not exist. Create one with 'neurochip map'.");
        }

        ChipImage image = IsJson(path)
            ? ChipImageJson.Deserialize(File.ReadAllText(path), path)
            : ChipImageBinary.Read(File.ReadAllBytes(path), path);
        ChipImageValidator.ThrowIfInvalid(image, path);
        return image;
    }
}
