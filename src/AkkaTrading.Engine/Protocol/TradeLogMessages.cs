namespace AkkaTrading.Engine.Protocol;

public static class TradeLogMessages
{
    /// <summary>Asks the trade log writer to flush; answered with <see cref="Flushed"/>.</summary>
    public sealed record Flush
    {
        public static readonly Flush Instance = new();
        private Flush() { }
    }

    public sealed record Flushed(long Rows);
}
