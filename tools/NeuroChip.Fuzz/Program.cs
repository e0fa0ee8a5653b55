using NeuroChip.Fuzz;
using SharpFuzz;

// neurochip-fuzz list                      targets, one per line
// neurochip-fuzz seed <target> <dir>       write the generated seeds
// neurochip-fuzz <target>                  run under afl-fuzz (SharpFuzz's AFL mode)
// neurochip-fuzz <target> --replay <path>  run saved inputs (files or directories) with the same checks; print peaks
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: neurochip-fuzz list | seed <target> <dir> | <target> [--replay <file|dir>...]");
    return 2;
}

if (args[0] == "list")
{
    foreach (FuzzTarget t in FuzzTargets.All)
    {
        Console.WriteLine($"{t.Name}\t{t.Description}");
    }

    return 0;
}

if (args[0] == "seed")
{
    FuzzTarget seedTarget = FuzzTargets.Find(args.ElementAtOrDefault(1) ?? "") ?? throw new ArgumentException($"unknown target '{args.ElementAtOrDefault(1)}'");
    string dir = args.ElementAtOrDefault(2) ?? throw new ArgumentException("seed needs an output directory");
    Directory.CreateDirectory(dir);
    int written = 0;
    foreach (var (name, bytes) in seedTarget.GeneratedSeeds())
    {
        File.WriteAllBytes(Path.Combine(dir, "gen-" + name), bytes);
        written++;
    }

    Console.WriteLine($"{seedTarget.Name}: {written} generated seeds in {dir}");
    return 0;
}

FuzzTarget? target = FuzzTargets.Find(args[0]);
if (target is null)
{
    Console.Error.WriteLine($"unknown target '{args[0]}'; targets: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}");
    return 2;
}

if (args.Length > 1 && args[1] == "--replay")
{
    return Replay.Run(target, args[2..]);
}

var guard = new InputGuard(target);
bool warmedUp = false;
Fuzzer.Run(stream =>
{
    // Instrumented code may only run inside Fuzzer.Run (the coverage map is set up there).
    if (!warmedUp)
    {
        Warmup.Run(target);
        warmedUp = true;
    }

    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    guard.Run(buffer.ToArray());
});
return 0;
