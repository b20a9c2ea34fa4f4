namespace AkkaTrading.Console.Files;

/// <summary>An output (trade log, report, log file) could not be written: a full disk, an I/O error, no permission.</summary>
public sealed class OutputException(string message) : Exception(message);
