using AkkaTrading.Domain.Reporting;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Engine.Protocol;

/// <summary>What a server asks of a running exchange on behalf of remote bots and their clients.</summary>
public static class Server
{
    /// <summary>Opens an account while the exchange runs; idempotent: answered <see cref="AccountOpened"/>, Existed when it was open
    /// already. <see cref="TokenHash"/>: the SHA-256 of a registering bot's token, kept in the ledger so the token works after a
    /// restart.</summary>
    public sealed record OpenAccount(string Bot, decimal InitialCash, string? TokenHash = null);

    /// <summary>Asks for the token hashes of the bots that registered while the server ran (the ledger's); answered with
    /// <see cref="RegisteredTokens"/>.</summary>
    public sealed record GetRegisteredTokens;
    public sealed record RegisteredTokens(IReadOnlyDictionary<string, string> HashByBot);
    public sealed record AccountOpened(string Bot, bool Existed);

    /// <summary>
    /// A market order of an authenticated bot (<see cref="Order.Bot"/> is who the server authenticated, never a name taken
    /// from the request). A <see cref="ClientOrderId"/> sent again by the same bot answers the first outcome and trades nothing.
    /// </summary>
    public sealed record SubmitOrder(Order Order, string? ClientOrderId);

    /// <summary>The outcome of a <see cref="SubmitOrder"/>: the fill or the rejection, the sequence number of its event, and whether it
    /// repeats an earlier answer.</summary>
    public sealed record OrderOutcome(OrderResult Result, string? ClientOrderId, long Seq, bool Repeated);

    /// <summary>Asks for up to <see cref="Max"/> events after <see cref="After"/>; answered with an
    /// <see cref="Domain.Events.EventPage"/>.</summary>
    public sealed record GetEvents(long After, int Max);

    /// <summary>Asks for one bot's account valued at the last prices; answered with <see cref="AccountState"/>.</summary>
    public sealed record GetAccount(string Bot);
    public sealed record AccountState(string Bot, BotSummary? Summary);
}
