using Styx.Fuzz;

// Modes:
//   --afl              run under afl-fuzz (SharpFuzz out-of-process), one input per execution
//   --replay FILE...   run the given inputs once each (reproduce a crash with its stack trace)
//   --random N         N random inputs in process, for a quick check without AFL
//   --write-seeds DIR  write valid starting inputs for every target
//   --summary DIR      count the inputs in DIR (an AFL queue) by target
switch (args.FirstOrDefault())
{
    case "--afl":
        SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
        {
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            FuzzTargets.Run(memory.ToArray());
        });
        return 0;
    case "--replay":
        foreach (var file in args.Skip(1))
        {
            FuzzTargets.Run(File.ReadAllBytes(file));
            Console.WriteLine($"{file}: no crash");
        }

        return 0;
    case "--random":
        var random = new Random(12345);
        var count = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < count; i++)
        {
            var input = new byte[random.Next(1, 512)];
            random.NextBytes(input);
            FuzzTargets.Run(input);
        }

        Console.WriteLine($"{count} random inputs: no crash");
        return 0;
    case "--write-seeds":
        SeedCorpus.Write(args[1]);
        return 0;
    case "--summary":
        var counts = Directory.GetFiles(args[1], "id*")
            .Select(file => File.ReadAllBytes(file) is [var first, ..] ? first % FuzzTargets.TargetCount : -1)
            .Where(target => target >= 0)
            .CountBy(target => target)
            .ToDictionary();
        Console.WriteLine("corpus by target: " + string.Join(", ", FuzzTargets.Names.Select((name, target) => $"{name} {counts.GetValueOrDefault(target)}")));
        return 0;
    default:
        Console.Error.WriteLine("usage: Styx.Fuzz --afl | --replay FILE... | --random N | --write-seeds DIR | --summary DIR");
        return 2;
}
