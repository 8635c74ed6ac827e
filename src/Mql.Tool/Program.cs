using StreamJobs.Mql.Tool;

return await MqlCommand.RunAsync(args, Console.Out, Console.Error);
