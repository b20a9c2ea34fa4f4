namespace AkkaTrading.Gateway.Bitmex;

/// <summary>
/// The exchange's assets as BitMEX spot instruments. Each asset is a symbol quoted in <see cref="Cash"/>; its base currency is
/// the symbol without a trailing <c>USD</c> (<c>XBTUSD</c> → <c>XBT</c>), or the whole symbol when that leaves nothing or
/// two symbols would share a base (<c>ALFA</c> → <c>ALFA</c>). Positions are whole units of the base (scale 0); cash is
/// counted, as BitMEX counts USDt, in millionths (scale 6).
/// </summary>
public sealed class BitmexMarkets
{
    public const string Cash = "USD";
    public const int CashScale = 6;
    private const decimal CashUnit = 1_000_000m;

    private readonly Dictionary<string, string> _baseOf = new(StringComparer.Ordinal);

    public BitmexMarkets(IReadOnlyList<string> assets)
    {
        Symbols = assets;
        var stripped = assets.ToDictionary(a => a, a => a.Length > 3 && a.EndsWith(Cash, StringComparison.Ordinal) ? a[..^3] : a);
        foreach (var asset in assets)
        {
            var stem = stripped[asset];
            var shared = stripped.Count(s => s.Value == stem) > 1 || (stem != asset && assets.Contains(stem)) || stem == Cash;
            _baseOf[asset] = shared ? asset : stem;
        }
    }

    public IReadOnlyList<string> Symbols { get; }

    public bool Has(string? symbol) => symbol is not null && _baseOf.ContainsKey(symbol);

    /// <summary>The currency a symbol's positions are counted in.</summary>
    public string BaseOf(string symbol) => _baseOf[symbol];

    /// <summary>The symbol whose base currency is <paramref name="currency"/>, or null.</summary>
    public string? SymbolOfBase(string currency) => _baseOf.FirstOrDefault(p => p.Value == currency).Key;

    /// <summary>An amount of cash in BitMEX's integer units of <see cref="Cash"/>.</summary>
    public static decimal CashUnits(decimal cash) => Math.Round(cash * CashUnit, MidpointRounding.AwayFromZero);
}
