using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Tests;

public class AssetMapTests
{
    [Fact]
    public void A_name_is_found_whether_or_not_it_is_the_same_string_instance()
    {
        var map = new AssetMap<string>();
        map.Add("ALFA", "alfa");
        var otherInstance = new string("ALFA".AsSpan());
        Assert.False(ReferenceEquals("ALFA", otherInstance));

        Assert.True(map.TryGetValue(otherInstance, out var value));
        Assert.Equal("alfa", value);
        Assert.True(map.TryGetValue("ALFA", out _));
        Assert.False(map.TryGetValue("alfa", out _)); // ordinal: case matters
    }
}
