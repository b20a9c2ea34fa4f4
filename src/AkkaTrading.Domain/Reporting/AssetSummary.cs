namespace AkkaTrading.Domain.Reporting;

/// <summary>An asset's prices over a run, so a bot can be compared with simply holding the asset.</summary>
public sealed record AssetSummary(string Asset, decimal First, decimal Last, decimal Min, decimal Max)
{
    /// <summary>What holding the asset from its first to its last price returned, in percent.</summary>
    public decimal ReturnPercent => (Last - First) / First * 100m;
}
