namespace AkkaTrading.Gateway.Bitmex;

// BitMEX's rows, with the fields its clients read. Fields a spot simulator has no value for are left out rather than invented.

/// <summary>A spot instrument: <c>typ</c> IFXXXP (spot), lot size 1 (whole units), no leverage (initMargin 1).</summary>
public sealed record InstrumentRow(string Symbol, string RootSymbol, string State, string Typ, string PositionCurrency, string Underlying,
    string QuoteCurrency, string SettlCurrency, string Reference, long MaxOrderQty, decimal MaxPrice, decimal LotSize, decimal TickSize,
    decimal Multiplier, bool IsQuanto, bool IsInverse, decimal InitMargin, decimal MaintMargin, bool HasLiquidity, decimal? LastPrice,
    string LastTickDirection, string MarkMethod, decimal? MarkPrice, string FairMethod, decimal? FairPrice, decimal? BidPrice,
    decimal? MidPrice, decimal? AskPrice, DateTimeOffset Timestamp);

/// <summary>The fields of an instrument that change with its price: every update carries all of them.</summary>
public sealed record InstrumentUpdate(string Symbol, decimal LastPrice, string LastTickDirection, decimal MarkPrice, decimal FairPrice,
    decimal BidPrice, decimal MidPrice, decimal AskPrice, DateTimeOffset Timestamp);

/// <summary>A trade as everyone sees it; sizes in units, values in millionths of USD.</summary>
public sealed record TradeRow(DateTimeOffset Timestamp, string Symbol, string Side, decimal Size, decimal Price, string TickDirection,
    string TrdMatchID, decimal GrossValue, decimal HomeNotional, decimal ForeignNotional, string TrdType);

/// <summary>A market order: filled at once, or rejected with its reason.</summary>
public sealed record OrderRow(string OrderID, string? ClOrdID, string ClOrdLinkID, long Account, string Symbol, string Side,
    decimal OrderQty, decimal? Price, string Currency, string SettlCurrency, string OrdType, string TimeInForce, string ExecInst,
    string OrdStatus, string Triggered, bool WorkingIndicator, string OrdRejReason, decimal LeavesQty, decimal CumQty, decimal? AvgPx,
    string Text, DateTimeOffset TransactTime, DateTimeOffset Timestamp);

/// <summary>An order's execution: the fill (execType Trade), with its cost and fee in millionths of USD.</summary>
public sealed record ExecutionRow(string ExecID, string OrderID, string? ClOrdID, long Account, string Symbol, string Side, decimal LastQty,
    decimal LastPx, decimal OrderQty, decimal? Price, string Currency, string SettlCurrency, string ExecType, string OrdType,
    string TimeInForce, string OrdStatus, string OrdRejReason, decimal LeavesQty, decimal CumQty, decimal AvgPx, decimal Commission,
    string TrdMatchID, decimal ExecCost, decimal ExecComm, decimal HomeNotional, decimal ForeignNotional, string Text,
    DateTimeOffset TransactTime, DateTimeOffset Timestamp);

/// <summary>Units held of one symbol (never short, leverage 1, no liquidation), valued at the last price.</summary>
public sealed record PositionRow(long Account, string Symbol, string Currency, string Underlying, string QuoteCurrency, decimal Leverage,
    bool CrossMargin, decimal InitMarginReq, decimal MaintMarginReq, decimal CurrentQty, decimal CurrentCost, bool IsOpen,
    decimal? MarkPrice, decimal? MarkValue, decimal HomeNotional, decimal ForeignNotional, decimal? AvgCostPrice, decimal? AvgEntryPrice,
    decimal? UnrealisedPnl, decimal? LiquidationPrice, decimal? LastPrice, DateTimeOffset Timestamp);

/// <summary>One currency's balance: USD cash in millionths, or a base currency in units. Spot: all of it available, no margin
/// used.</summary>
public sealed record MarginRow(long Account, string Currency, decimal Amount, decimal WalletBalance, decimal MarginBalance,
    decimal AvailableMargin, decimal WithdrawableMargin, decimal ExcessMargin, decimal InitMargin, decimal MaintMargin,
    decimal UnrealisedPnl, decimal GrossComm, decimal MarginLeverage, decimal MarginUsedPcnt, DateTimeOffset Timestamp);
