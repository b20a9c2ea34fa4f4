using System.Text;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using AkkaTrading.Domain.Accounts;
using AkkaTrading.Domain.Ledger;
using AkkaTrading.Domain.Trading;
using AkkaTrading.Engine.Persistence;
using static AkkaTrading.Domain.Ledger.LedgerEvent;

namespace AkkaTrading.Engine.Tests.Persistence;

/// <summary>The ledger's records on disk: a named, versioned manifest and exact JSON, bound to <see cref="ILedgerRecord"/>.</summary>
public sealed class LedgerSerializerTests() : TestKit(ConfigurationFactory.ParseString(LedgerSerializer.Hocon))
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, 123, TimeSpan.Zero);
    private static readonly Order Buy = new("alice", "ALFA", Side.Buy, 3);

    public static TheoryData<ILedgerRecord, string> Records() => new()
    {
        { new AccountOpened(0, T0, "alice", 10_000.50m), "account-opened/1" },
        { new AccountOpened(3, T0, "carol", 2500m, "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"),
            "account-opened/1" },
        { new OrderAccepted(7, T0, Buy, "a-1"), "order-accepted/1" },
        { new OrderAccepted(8, T0, Buy with { Side = Side.Sell }, null), "order-accepted/1" },
        { new OrderFilled(7, T0, new Fill(5, "alice", "ALFA", Side.Buy, 3, 0.0000001m, 0.000000003m), "a-1", 9999.9999999m), "fill/1" },
        { new OrderFilled(9, T0, new Fill(5, "bob", "BETA", Side.Sell, 2, 10m, 0m, new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc)),
            null, 20m), "fill/1" },
        { new OrderRejected(8, T0, new Rejection(5, Buy, RejectReason.InsufficientCash, 30.00m, 1.5m), "a-2"), "rejection/1" },
        { new SeqReserved(20_000, T0), "seq-reserved/1" },
    };

    [Theory]
    [MemberData(nameof(Records))]
    public void Every_ledger_record_reads_back_equal_under_its_versioned_manifest(ILedgerRecord record, string manifest)
    {
        var serializer = Assert.IsType<LedgerSerializer>(Sys.Serialization.FindSerializerFor(record));
        Assert.Equal(manifest, serializer.Manifest(record));
        var bytes = serializer.ToBinary(record);
        Assert.DoesNotContain("AkkaTrading", Encoding.UTF8.GetString(bytes)); // no CLR type names on disk
        Assert.Equal(record, serializer.FromBinary(bytes, manifest));
    }

    [Fact]
    public void A_batch_of_events_reads_back_as_the_same_events_in_order()
    {
        var batch = new LedgerBatch([new OrderAccepted(7, T0, Buy, "a-1"),
            new OrderFilled(7, T0, new Fill(5, "alice", "ALFA", Side.Buy, 3, 10m, 0m), "a-1", 70m), new SeqReserved(10_007, T0)]);
        var serializer = (LedgerSerializer)Sys.Serialization.FindSerializerFor(batch);
        Assert.Equal("events/1", serializer.Manifest(batch));
        var back = Assert.IsType<LedgerBatch>(serializer.FromBinary(serializer.ToBinary(batch), "events/1"));
        Assert.Equal(batch.Events.Select(e => e.ToString()), back.Events.Select(e => e.ToString()));

        var newer = serializer.ToBinary(batch).AsSpan().ToArray();
        var text = System.Text.Encoding.UTF8.GetString(newer).Replace("\"fill/1\"", "\"fill/2\"");
        Assert.Equal("the ledger holds a record 'fill/2' that this version of AkkaTrading does not know (written by a newer version?)",
            Assert.IsType<UnreadableLedgerRecord>(serializer.FromBinary(System.Text.Encoding.UTF8.GetBytes(text), "events/1")).Reason);
    }

    [Fact]
    public void A_snapshot_reads_back_with_its_accounts_remembered_orders_and_recent_outcomes()
    {
        var fill = new Fill(5, "alice", "ALFA", Side.Buy, 3, 10m, 0.03m);
        var rejection = new Rejection(6, Buy, RejectReason.NoPrice);
        var snapshot = new LedgerSnapshot(12, 10_001, 6,
            [new AccountSnapshot("alice", 100m, 69.97m, 0.03m, 1, [("ALFA", new Position(3, 10m))], null, [("ALFA", 10m)]),
                new AccountSnapshot("bob", 5m, 5m, 0m, 0, [], "C0FFEE")],
            [new RememberedOrder("alice", "a-1", 7, OrderResult.Filled(fill)),
                new RememberedOrder("alice", "a-2", 9, OrderResult.Rejected(rejection))],
            [new OrderFilled(7, T0, fill, "a-1", 69.97m), new OrderRejected(9, T0, rejection, "a-2")], RecentComplete: true);
        var serializer = (LedgerSerializer)Sys.Serialization.FindSerializerFor(snapshot);

        var back = (LedgerSnapshot)serializer.FromBinary(serializer.ToBinary(snapshot), serializer.Manifest(snapshot));

        Assert.Equal((snapshot.LastSeq, snapshot.ReservedSeq, snapshot.LastStep, true),
            (back.LastSeq, back.ReservedSeq, back.LastStep, back.RecentComplete));
        Assert.Equal(snapshot.Accounts.Select(a => a with { Positions = [], LastBuys = [] }).Select(a => a.ToString()),
            back.Accounts.Select(a => a with { Positions = [], LastBuys = [] }).Select(a => a.ToString()));
        Assert.Equal("(ALFA, 10)", back.Accounts[0].LastBuys.Single().ToString());
        Assert.Equal([.. snapshot.Accounts[0].Positions.Select(p => p.ToString())], back.Accounts[0].Positions.Select(p => p.ToString()));
        Assert.Equal([.. snapshot.Remembered.Select(r => r.ToString())], back.Remembered.Select(r => r.ToString()));
        Assert.Equal([.. snapshot.Recent.Select(r => r.ToString())], back.Recent.Select(r => r.ToString()));
    }

    [Fact]
    public void A_record_of_a_version_this_code_does_not_know_reads_as_unreadable_naming_it()
    {
        var serializer = (LedgerSerializer)Sys.Serialization.FindSerializerFor(new SeqReserved(1, T0));
        Assert.Equal(new UnreadableLedgerRecord("fill/2",
                "the ledger holds a record 'fill/2' that this version of AkkaTrading does not know (written by a newer version?)"),
            serializer.FromBinary("{}"u8.ToArray(), "fill/2"));
        var garbage = Assert.IsType<UnreadableLedgerRecord>(serializer.FromBinary("{\"seq\":"u8.ToArray(), "fill/1"));
        Assert.StartsWith("the ledger holds a record 'fill/1' that cannot be read: ", garbage.Reason);
    }
}
