using System.Globalization;
using AkkaTrading.Domain.Reporting;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Tests;

public class TradeLogTests
{
    private static readonly Fill Buy = new(3, "investor-1", "ORCL", Side.Buy, 7m, 118.42m, 0.8289m);
    private static readonly Fill Sell = new(12, "hamster", "ALFA", Side.Sell, 5m, 99.5m, 0m);

    [Fact]
    public void Header_starts_with_the_required_columns()
    {
        Assert.StartsWith("step,bot,side,asset,quantity,price", TradeLog.Header);
        Assert.Equal(TradeLog.Header.Split(',').Length, TradeLog.Row(Buy).Split(',').Length);
    }

    [Fact]
    public void Row_lists_the_fill_in_header_order()
    {
        Assert.Equal("3,investor-1,BUY,ORCL,7,118.42,0.8289", TradeLog.Row(Buy));
        Assert.Equal("12,hamster,SELL,ALFA,5,99.5,0", TradeLog.Row(Sell));
    }

    [Fact]
    public void Describe_reads_as_a_transaction_line()
    {
        Assert.Equal("BUY investor-1 7 ORCL @ 118.42", TradeLog.Describe(Buy));
        Assert.Equal("SELL hamster 5 ALFA @ 99.5", TradeLog.Describe(Sell));
    }

    [Fact]
    public void Numbers_use_the_invariant_culture_whatever_the_current_culture()
    {
        var commaCulture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        commaCulture.NumberFormat.NumberDecimalSeparator = ",";
        commaCulture.NumberFormat.NegativeSign = "~";
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = commaCulture;
        try
        {
            Assert.Equal("118,42", 118.42m.ToString()); // the culture really is in effect
            Assert.Equal("3,investor-1,BUY,ORCL,7,118.42,0.8289", TradeLog.Row(Buy));
            Assert.Equal("BUY investor-1 7 ORCL @ 118.42", TradeLog.Describe(Buy));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
