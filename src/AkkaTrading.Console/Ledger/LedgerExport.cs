using System.Globalization;
using System.Text.Json;
using AkkaTrading.Domain.Accounts;
using AkkaTrading.Domain.Ledger;
using AkkaTrading.Domain.Reporting;
using static AkkaTrading.Domain.Ledger.LedgerEvent;

namespace AkkaTrading.Console.Ledger;

/// <summary>A ledger's trades (in the order they were filled) and its accounts at the end, as CSV or JSON.</summary>
public static class LedgerExport
{
    public const string TradesHeader = TradeLog.Header + ",seq,time,client_order_id";
    public const string AccountsHeader = "bot,initial_cash,cash,fees_paid,trades,positions";

    public static string TradeRow(OrderFilled filled) => TradeLog.Row(filled.Fill) + string.Create(CultureInfo.InvariantCulture,
        $",{filled.Seq},{filled.Time.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffffffZ},{filled.ClientOrderId}");

    /// <summary>One row per account; positions as <c>ALFA=6@98.18</c>, separated by spaces.</summary>
    public static void WriteAccountsCsv(TextWriter writer, IEnumerable<Account> accounts)
    {
        writer.WriteLine(AccountsHeader);
        foreach (var a in accounts)
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{a.Bot},{a.InitialCash},{a.Cash},{a.FeesPaid},{a.TradeCount},") +
                string.Join(' ', a.Positions.OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value.Quantity}@{p.Value.AverageEntryPrice}"))));
    }

    public static void WriteJson(Stream stream, IEnumerable<OrderFilled> trades, IEnumerable<Account> accounts)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartArray("trades");
        foreach (var t in trades)
        {
            json.WriteStartObject();
            json.WriteNumber("seq", t.Seq);
            json.WriteString("time", t.Time.UtcDateTime);
            json.WriteNumber("step", t.Fill.Step);
            json.WriteString("bot", t.Fill.Bot);
            json.WriteString("side", TradeLog.SideText(t.Fill.Side));
            json.WriteString("asset", t.Fill.Asset);
            json.WriteNumber("quantity", t.Fill.Quantity);
            json.WriteNumber("price", t.Fill.Price);
            json.WriteNumber("fee", t.Fill.Fee);
            json.WriteString("clientOrderId", t.ClientOrderId);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("accounts");
        foreach (var a in accounts)
        {
            json.WriteStartObject();
            json.WriteString("bot", a.Bot);
            json.WriteNumber("initialCash", a.InitialCash);
            json.WriteNumber("cash", a.Cash);
            json.WriteNumber("feesPaid", a.FeesPaid);
            json.WriteNumber("trades", a.TradeCount);
            json.WriteStartArray("positions");
            foreach (var (asset, position) in a.Positions.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("asset", asset);
                json.WriteNumber("quantity", position.Quantity);
                json.WriteNumber("averageEntryPrice", position.AverageEntryPrice);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
