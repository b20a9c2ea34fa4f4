using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Sweeps;

/// <summary>
/// The bots of one kind that watch one asset, as parallel arrays: the decision loop reads them in order and allocates nothing.
/// <see cref="Held"/> is the strategy's position; <see cref="Threshold"/> is derived from its fills (the Investor's
/// take-profit price, the Hamster's next buy price, long.MaxValue for "any price"), both at the pass's price scale.
/// </summary>
internal sealed class FastSlots(int capacity)
{
    public int Count;
    public readonly int[] Bot = new int[capacity];
    public readonly int[] Group = new int[capacity];
    public readonly long[] Factor = new long[capacity];
    public readonly long[] Held = new long[capacity];
    public readonly long[] Threshold = new long[capacity];
    public readonly int[] CooldownLeft = new int[capacity];

    public int Add(int bot, int group, long factor)
    {
        (Bot[Count], Group[Count], Factor[Count], Threshold[Count]) = (bot, group, factor, long.MaxValue);
        return Count++;
    }

    /// <summary>The Investor's rule on one price: buy on a dip while flat, sell all at the take-profit price while holding.</summary>
    public void DecideInvestors(int priceIndex, long price, long priceTimesFactorScale, long[] windowMax, List<FastIntent> intents)
    {
        // Locals: the list's Add is a call, after which fields would be read again.
        var (count, bot, group, factor, held, threshold) = (Count, Bot, Group, Factor, Held, Threshold);
        for (var j = 0; j < count; j++)
        {
            if (held[j] == 0)
            {
                if (priceTimesFactorScale <= windowMax[group[j]] * factor[j]) intents.Add(new(bot[j], priceIndex, j, Side.Buy));
            }
            else if (price >= threshold[j]) intents.Add(new(bot[j], priceIndex, j, Side.Sell));
        }
    }

    /// <summary>The Hamster's rule on one price: a panic sale on a crash, sitting out a cooldown, buying cheaper.</summary>
    public void DecideHamsters(int priceIndex, long price, long priceTimesFactorScale, long[] windowMax, List<FastIntent> intents)
    {
        var (count, bot, group, factor, held, threshold, cooldownLeft) = (Count, Bot, Group, Factor, Held, Threshold, CooldownLeft);
        for (var j = 0; j < count; j++)
        {
            if (held[j] != 0 && priceTimesFactorScale <= windowMax[group[j]] * factor[j])
                intents.Add(new(bot[j], priceIndex, j, Side.Sell));
            else if (cooldownLeft[j] > 0) cooldownLeft[j]--;
            else if (price <= threshold[j]) intents.Add(new(bot[j], priceIndex, j, Side.Buy));
        }
    }
}
