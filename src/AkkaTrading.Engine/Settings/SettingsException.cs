namespace AkkaTrading.Engine.Settings;

/// <summary>A mistake in the configuration; the message names the file or key it is about.</summary>
public sealed class SettingsException(string message) : Exception(message);
