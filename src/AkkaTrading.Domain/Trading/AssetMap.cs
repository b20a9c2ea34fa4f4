namespace AkkaTrading.Domain.Trading;

/// <summary>
/// Per-asset values looked up by asset name, by reference first: the scenario readers and sources give
/// every price of an asset the same string instance, so the usual lookup hashes no characters. A name
/// seen as another instance falls back to an ordinal lookup and is remembered.
/// </summary>
public sealed class AssetMap<T> where T : class
{
    private const int MaxRemembered = 4096;
    private readonly Dictionary<string, T> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, T> _byReference = new(ReferenceEqualityComparer.Instance);

    /// <summary>How many assets have a value.</summary>
    public int Count => _byName.Count;

    public bool TryGetValue(string asset, out T value)
    {
        if (_byReference.TryGetValue(asset, out value!)) return true;
        if (!_byName.TryGetValue(asset, out value!)) return false;
        if (_byReference.Count < MaxRemembered) _byReference[asset] = value;
        return true;
    }

    public void Add(string asset, T value)
    {
        _byName.Add(asset, value);
        _byReference[asset] = value;
    }
}
