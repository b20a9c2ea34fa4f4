using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Tests;

public sealed class ClientOrderIdsTests
{
    private static readonly OrderResult Filled = OrderResult.Filled(new Fill(1, "alice", "ALFA", Side.Buy, 1, 10m, 0m));

    [Fact]
    public void A_remembered_id_answers_its_first_outcome_per_bot()
    {
        var ids = new ClientOrderIds();
        ids.Remember("alice", "a-1", Filled, 7);
        Assert.True(ids.TryGet("alice", "a-1", out var first));
        Assert.Equal((Filled, 7L), first);
        Assert.False(ids.TryGet("bob", "a-1", out _)); // another bot's id is its own
        ids.Remember("alice", "a-1", OrderResult.Rejected(new Rejection(2, new Order("alice", "ALFA", Side.Buy, 1), RejectReason.NoPrice)),
            9);
        Assert.True(ids.TryGet("alice", "a-1", out first));
        Assert.Equal(7L, first.Seq); // the first outcome stays
    }

    [Fact]
    public void Only_the_last_ids_of_a_bot_are_kept()
    {
        var ids = new ClientOrderIds(perBot: 3);
        foreach (var id in new[] { "1", "2", "3", "4" }) ids.Remember("alice", id, Filled, 1);
        Assert.False(ids.TryGet("alice", "1", out _));
        Assert.True(ids.TryGet("alice", "2", out _) && ids.TryGet("alice", "4", out _));
    }
}
