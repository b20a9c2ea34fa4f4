namespace AkkaTrading.Domain.Trading;

/// <summary>
/// The outcome of each bot's recent orders by client order id, so that an order sent again (a client retrying
/// after a lost answer) returns its first outcome instead of trading twice. Keeps the last
/// <see cref="PerBot"/> ids of each bot; an id older than that is treated as new.
/// </summary>
public sealed class ClientOrderIds(int perBot = ClientOrderIds.DefaultPerBot)
{
    public const int DefaultPerBot = 10_000;
    private readonly Dictionary<string,
        (Dictionary<string, (OrderResult Result, long Seq)> Results, Queue<string> Order)> _byBot = new(StringComparer.Ordinal);

    public int PerBot { get; } = perBot;

    public bool TryGet(string bot, string clientOrderId, out (OrderResult Result, long Seq) first)
    {
        first = default;
        return _byBot.TryGetValue(bot, out var memo) && memo.Results.TryGetValue(clientOrderId, out first);
    }

    /// <param name="seq">the sequence number of the order's event (0 outside a server)</param>
    public void Remember(string bot, string clientOrderId, OrderResult result, long seq)
    {
        if (!_byBot.TryGetValue(bot, out var memo))
            _byBot[bot] = memo = (new Dictionary<string, (OrderResult Result, long Seq)>(StringComparer.Ordinal), new Queue<string>());
        if (!memo.Results.TryAdd(clientOrderId, (result, seq))) return;
        memo.Order.Enqueue(clientOrderId);
        if (memo.Order.Count > PerBot) memo.Results.Remove(memo.Order.Dequeue());
    }

    /// <summary>Forgets one id (a server that forgot it across a restart answered it anew; the ledger's fold follows).</summary>
    public void Forget(string bot, string clientOrderId)
    {
        if (!_byBot.TryGetValue(bot, out var memo) || !memo.Results.Remove(clientOrderId)) return;
        var kept = memo.Order.Where(id => id != clientOrderId).ToList();
        memo.Order.Clear();
        foreach (var id in kept) memo.Order.Enqueue(id);
    }

    /// <summary>Every remembered outcome, bot by bot, each bot's oldest first (remembering them in this order rebuilds this).</summary>
    public IEnumerable<(string Bot, string ClientOrderId, OrderResult Result, long Seq)> Entries() =>
        _byBot.SelectMany(b => b.Value.Order.Select(id => (b.Key, id, b.Value.Results[id].Result, b.Value.Results[id].Seq)));
}
