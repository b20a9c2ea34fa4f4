namespace AkkaTrading.Domain.Reporting;

/// <summary>An asset's prices over a run, so a bot can be compared with simply holding the asset.</summary>
public sealed record AssetSummary(string Asset, decimal First, decimal Last, decimal Min, decimal Max)
{
    /// <summary>What holding the asset from its first to its last price returned, in percent.</summary>
    /// <remarks>Saturated at decimal's range when the first price is tiny against the last.</remarks>
    public decimal ReturnPercent => Accounts.ExactDecimal.SaturatingPercent(Last - First, First);
}
