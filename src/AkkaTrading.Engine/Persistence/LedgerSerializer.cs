using System.Buffers;
using System.Globalization;
using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;
using AkkaTrading.Domain.Accounts;
using AkkaTrading.Domain.Ledger;
using AkkaTrading.Domain.Trading;
using static AkkaTrading.Domain.Ledger.LedgerEvent;

namespace AkkaTrading.Engine.Persistence;

/// <summary>A record of the ledger this version cannot read (a newer version's, or damaged), read as what is wrong with it.</summary>
public sealed record UnreadableLedgerRecord(string Manifest, string Reason);

/// <summary>
/// Writes the ledger's records (<see cref="ILedgerRecord"/>) as JSON under a manifest that names the record and its version
/// (<c>fill/1</c>): no CLR type names, so classes can be renamed and moved, and amounts as decimal strings, exact. A record
/// of a version this code does not know, or that cannot be read, is read as an <see cref="UnreadableLedgerRecord"/> that names
/// it: thrown, it would fail the journal's read deep inside its stream, logged with a stack trace.
/// </summary>
public sealed class LedgerSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int SerializerId = 4711;
    public const string Name = "akka-trading-ledger";

    public const string Opened = "account-opened/1", Accepted = "order-accepted/1", Filled = "fill/1", Rejected = "rejection/1",
        Reserved = "seq-reserved/1", Snapshot = "snapshot/1", Batch = "events/1";

    /// <summary>Binds the serializer to <see cref="ILedgerRecord"/>.</summary>
    public static readonly string Hocon =
        Hosting.SerializerBinding.Hocon(Name, typeof(LedgerSerializer), SerializerId, typeof(ILedgerRecord));

    public override int Identifier => SerializerId;

    public override string Manifest(object o) => o switch
    {
        AccountOpened => Opened,
        OrderAccepted => Accepted,
        OrderFilled => Filled,
        OrderRejected => Rejected,
        SeqReserved => Reserved,
        LedgerSnapshot => Snapshot,
        LedgerBatch => Batch,
        _ => throw new SerializationException($"the ledger does not write {o.GetType().Name}"),
    };

    public override byte[] ToBinary(object obj)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            if (obj is LedgerSnapshot snapshot) LedgerJson.Write(json, snapshot);
            else if (obj is LedgerBatch batch) LedgerJson.Write(json, batch);
            else LedgerJson.Write(json, (LedgerEvent)obj);
        }
        return buffer.WrittenSpan.ToArray();
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!IsKnown(manifest)) return Unknown(manifest);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return manifest switch
            {
                Snapshot => LedgerJson.ReadSnapshot(document.RootElement),
                Batch => LedgerJson.ReadBatch(document.RootElement),
                _ => LedgerJson.ReadEvent(document.RootElement, manifest),
            };
        }
        catch (UnknownRecordException e)
        {
            return Unknown(e.Manifest);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException
                                      or OverflowException)
        {
            return new UnreadableLedgerRecord(manifest, $"the ledger holds a record '{manifest}' that cannot be read: {e.Message}");
        }
    }

    public static bool IsKnown(string manifest) => IsEvent(manifest) || manifest is Snapshot or Batch;

    public static bool IsEvent(string manifest) => manifest is Opened or Accepted or Filled or Rejected or Reserved;

    public static string ManifestOf(LedgerEvent e) => e switch
    {
        AccountOpened => Opened,
        OrderAccepted => Accepted,
        OrderFilled => Filled,
        OrderRejected => Rejected,
        _ => Reserved,
    };

    private static UnreadableLedgerRecord Unknown(string manifest) => new(manifest,
        $"the ledger holds a record '{manifest}' that this version of AkkaTrading does not know (written by a newer version?)");
}

/// <summary>A record inside another (a batch's event) of a version this code does not know.</summary>
internal sealed class UnknownRecordException(string manifest) : Exception(manifest)
{
    public string Manifest { get; } = manifest;
}

/// <summary>The JSON of each ledger record; field names are part of the format (change them only with a new version).</summary>
internal static class LedgerJson
{
    public static void Write(Utf8JsonWriter json, LedgerEvent e)
    {
        json.WriteStartObject();
        json.WriteNumber("seq", e.Seq);
        json.WriteString("time", e.Time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        switch (e)
        {
            case AccountOpened o:
                json.WriteString("bot", o.Bot);
                Money(json, "initialCash", o.InitialCash);
                if (o.TokenHash is { } hash) json.WriteString("tokenHash", hash);
                break;
            case OrderAccepted a:
                WriteOrder(json, a.Order);
                json.WriteString("clientOrderId", a.ClientOrderId);
                break;
            case OrderFilled f:
                WriteFill(json, f.Fill);
                json.WriteString("clientOrderId", f.ClientOrderId);
                Money(json, "cashAfter", f.CashAfter);
                break;
            case OrderRejected r:
                WriteRejection(json, r.Rejection);
                json.WriteString("clientOrderId", r.ClientOrderId);
                break;
        }
        json.WriteEndObject();
    }

    public static LedgerEvent ReadEvent(JsonElement e, string manifest)
    {
        var (seq, time) = (e.GetProperty("seq").GetInt64(), DateTimeOffset.Parse(e.GetProperty("time").GetString()!,
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
        return manifest switch
        {
            LedgerSerializer.Opened => new AccountOpened(seq, time, Text(e, "bot"), Money(e, "initialCash"), OptionalText(e, "tokenHash")),
            LedgerSerializer.Accepted => new OrderAccepted(seq, time, ReadOrder(e), OptionalText(e, "clientOrderId")),
            LedgerSerializer.Filled => new OrderFilled(seq, time, ReadFill(e), OptionalText(e, "clientOrderId"), Money(e, "cashAfter")),
            LedgerSerializer.Rejected => new OrderRejected(seq, time, ReadRejection(e), OptionalText(e, "clientOrderId")),
            LedgerSerializer.Reserved => new SeqReserved(seq, time),
            _ => throw new FormatException($"'{manifest}' is not a ledger event this version knows"),
        };
    }

    public static void Write(Utf8JsonWriter json, LedgerSnapshot s)
    {
        json.WriteStartObject();
        json.WriteNumber("lastSeq", s.LastSeq);
        json.WriteNumber("reservedSeq", s.ReservedSeq);
        json.WriteNumber("lastStep", s.LastStep);
        json.WriteBoolean("recentComplete", s.RecentComplete);
        json.WriteStartArray("accounts");
        foreach (var a in s.Accounts)
        {
            json.WriteStartObject();
            json.WriteString("bot", a.Bot);
            Money(json, "initialCash", a.InitialCash);
            Money(json, "cash", a.Cash);
            Money(json, "feesPaid", a.FeesPaid);
            json.WriteNumber("trades", a.TradeCount);
            if (a.TokenHash is { } hash) json.WriteString("tokenHash", hash);
            json.WriteStartArray("lastBuys");
            foreach (var (asset, price) in a.LastBuys)
            {
                json.WriteStartObject();
                json.WriteString("asset", asset);
                Money(json, "price", price);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("positions");
            foreach (var (asset, position) in a.Positions)
            {
                json.WriteStartObject();
                json.WriteString("asset", asset);
                Money(json, "quantity", position.Quantity);
                Money(json, "averageEntryPrice", position.AverageEntryPrice);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("remembered");
        foreach (var r in s.Remembered)
        {
            json.WriteStartObject();
            json.WriteString("clientOrderId", r.ClientOrderId);
            json.WriteNumber("seq", r.Seq);
            if (r.Result.Fill is { } fill) WriteFill(json, fill);
            else WriteRejection(json, r.Result.Rejection!);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        WriteTagged(json, "recent", s.Recent);
        json.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter json, LedgerBatch batch)
    {
        json.WriteStartObject();
        WriteTagged(json, "events", batch.Events);
        json.WriteEndObject();
    }

    public static LedgerBatch ReadBatch(JsonElement b) => new(ReadTagged(b, "events"));

    /// <summary>A list of events, each with its manifest: <c>[{"manifest": "fill/1", "event": {...}}, ...]</c>.</summary>
    private static void WriteTagged(Utf8JsonWriter json, string name, IEnumerable<LedgerEvent> events)
    {
        json.WriteStartArray(name);
        foreach (var e in events)
        {
            json.WriteStartObject();
            json.WriteString("manifest", LedgerSerializer.ManifestOf(e));
            json.WritePropertyName("event");
            Write(json, e);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static System.Collections.Immutable.ImmutableArray<LedgerEvent> ReadTagged(JsonElement e, string name) =>
        [.. e.GetProperty(name).EnumerateArray().Select(r => Text(r, "manifest") is var manifest && LedgerSerializer.IsEvent(manifest)
            ? ReadEvent(r.GetProperty("event"), manifest)
            : throw new UnknownRecordException(manifest))];

    public static LedgerSnapshot ReadSnapshot(JsonElement s) => new(
        s.GetProperty("lastSeq").GetInt64(), s.GetProperty("reservedSeq").GetInt64(), s.GetProperty("lastStep").GetInt64(),
        [.. s.GetProperty("accounts").EnumerateArray().Select(a => new AccountSnapshot(Text(a, "bot"), Money(a, "initialCash"),
            Money(a, "cash"), Money(a, "feesPaid"), a.GetProperty("trades").GetInt64(),
            [.. a.GetProperty("positions").EnumerateArray()
                .Select(p => (Text(p, "asset"), new Position(Money(p, "quantity"), Money(p, "averageEntryPrice"))))],
            OptionalText(a, "tokenHash"),
            [.. a.GetProperty("lastBuys").EnumerateArray().Select(b => (Text(b, "asset"), Money(b, "price")))]))],
        [.. s.GetProperty("remembered").EnumerateArray().Select(r => r.TryGetProperty("price", out _)
            ? new RememberedOrder(Text(r, "bot"), Text(r, "clientOrderId"), r.GetProperty("seq").GetInt64(),
                OrderResult.Filled(ReadFill(r)))
            : new RememberedOrder(Text(r, "bot"), Text(r, "clientOrderId"), r.GetProperty("seq").GetInt64(),
                OrderResult.Rejected(ReadRejection(r))))],
        ReadTagged(s, "recent"),
        s.GetProperty("recentComplete").GetBoolean());

    private static void WriteOrder(Utf8JsonWriter json, Order order)
    {
        json.WriteString("bot", order.Bot);
        json.WriteString("asset", order.Asset);
        json.WriteString("side", order.Side == Side.Buy ? "buy" : "sell");
        Money(json, "quantity", order.Quantity);
    }

    private static Order ReadOrder(JsonElement e) => new(Text(e, "bot"), Text(e, "asset"), Text(e, "side") switch
    {
        "buy" => Side.Buy,
        "sell" => Side.Sell,
        var other => throw new FormatException($"side '{other}' is neither buy nor sell"),
    }, Money(e, "quantity"));

    private static void WriteFill(Utf8JsonWriter json, Fill fill)
    {
        json.WriteNumber("step", fill.Step);
        WriteOrder(json, new Order(fill.Bot, fill.Asset, fill.Side, fill.Quantity));
        Money(json, "price", fill.Price);
        Money(json, "fee", fill.Fee);
        if (fill.Time is { } time) json.WriteString("stepTime", time.ToString("O", CultureInfo.InvariantCulture));
    }

    private static Fill ReadFill(JsonElement e)
    {
        var order = ReadOrder(e);
        DateTime? time = e.TryGetProperty("stepTime", out var t)
            ? DateTime.Parse(t.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null;
        return new Fill(e.GetProperty("step").GetInt64(), order.Bot, order.Asset, order.Side, order.Quantity, Money(e, "price"),
            Money(e, "fee"), time);
    }

    private static void WriteRejection(Utf8JsonWriter json, Rejection rejection)
    {
        json.WriteNumber("step", rejection.Step);
        WriteOrder(json, rejection.Order);
        json.WriteString("reason", rejection.Reason.ToString());
        Money(json, "required", rejection.Required);
        Money(json, "available", rejection.Available);
    }

    private static Rejection ReadRejection(JsonElement e) => new(e.GetProperty("step").GetInt64(), ReadOrder(e),
        Enum.TryParse<RejectReason>(Text(e, "reason"), out var reason) && Enum.IsDefined(reason) && !char.IsDigit(Text(e, "reason")[0])
            ? reason : throw new FormatException($"reason '{Text(e, "reason")}' is not known"),
        Money(e, "required"), Money(e, "available"));

    private static void Money(Utf8JsonWriter json, string name, decimal value) =>
        json.WriteString(name, value.ToString(CultureInfo.InvariantCulture));

    private static decimal Money(JsonElement e, string name) =>
        decimal.Parse(Text(e, name), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    private static string Text(JsonElement e, string name) =>
        e.GetProperty(name).GetString() ?? throw new FormatException($"'{name}' is null");

    private static string? OptionalText(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
