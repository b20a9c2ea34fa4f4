using AkkaTrading.Domain.Scenarios;

namespace AkkaTrading.Domain.Tests;

public class CsvScenarioTests
{
    private const string Name = "prices.csv";

    private static List<ScenarioStep> Read(string csv) => CsvScenario.Read(new StringReader(csv), Name).ToList();

    private static ScenarioException Fails(string csv) => Assert.Throws<ScenarioException>(() => Read(csv));

    /// <summary>Each step as text, e.g. <c>0: ALFA=100 BETA=50.5</c>.</summary>
    private static string[] Simplify(IEnumerable<ScenarioStep> steps) =>
        steps.Select(s => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{s.Step}: {string.Join(' ', s.Prices.Select(p => string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{p.Asset}={p.Price}")))}")).ToArray();

    [Fact]
    public void Rows_are_grouped_by_step()
    {
        var steps = Read("step,asset,price\n0,ALFA,100\n0,BETA,50.5\n1,ALFA,101.25\n3,BETA,49\n");

        Assert.Equal(["0: ALFA=100 BETA=50.5", "1: ALFA=101.25", "3: BETA=49"], Simplify(steps));
    }

    [Fact]
    public void Within_a_step_prices_follow_the_order_of_first_appearance_of_the_assets()
    {
        var steps = Read("""
            step,asset,price
            0,ALFA,1
            0,BETA,2
            1,GAMMA,5
            1,BETA,3
            1,ALFA,4
            2,GAMMA,6
            2,BETA,7
            """);

        Assert.Equal(["0: ALFA=1 BETA=2", "1: ALFA=4 BETA=3 GAMMA=5", "2: BETA=7 GAMMA=6"], Simplify(steps));
    }

    [Fact]
    public void Blank_lines_spaces_crlf_and_a_byte_order_mark_are_tolerated()
    {
        var steps = Read("\uFEFFstep,asset,price\r\n\r\n 0 , ALFA , 100.50 \r\n   \r\n1,ALFA,99\r\n");

        Assert.Equal(["0: ALFA=100.50", "1: ALFA=99"], Simplify(steps));
    }

    [Fact]
    public void Prices_keep_their_exact_decimal_value()
    {
        var price = Assert.Single(Assert.Single(Read("step,asset,price\n0,ALFA,118.42\n")).Prices);
        Assert.Equal("118.42", price.Price.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Steps_are_streamed_so_steps_completed_before_an_error_are_delivered_first()
    {
        // step 2 is complete only once the next row is read, and that row is the bad one
        using var steps = CsvScenario.Read(new StringReader("step,asset,price\n0,ALFA,1\n1,ALFA,2\n2,ALFA,3\n3,ALFA,x\n"), Name)
            .GetEnumerator();
        Assert.True(steps.MoveNext());
        Assert.Equal(0, steps.Current.Step);
        Assert.True(steps.MoveNext());
        Assert.Equal(1, steps.Current.Step);
        Assert.Throws<ScenarioException>(() => steps.MoveNext());
    }

    [Fact]
    public void Empty_file_is_an_error_on_line_1()
    {
        var e = Fails("");
        Assert.Equal("prices.csv, line 1: the file is empty; expected the header 'step,asset,price'", e.Message);
        Assert.Equal(Name, e.File);
        Assert.Equal(1, e.Line);
    }

    [Theory]
    [InlineData("time,asset,price\n0,ALFA,1\n", "time,asset,price")]
    [InlineData("Step,Asset,Price\n0,ALFA,1\n", "Step,Asset,Price")]
    [InlineData("step,asset\n0,ALFA\n", "step,asset")]
    [InlineData("0,ALFA,1\n", "0,ALFA,1")]
    public void A_wrong_header_is_an_error_on_line_1(string csv, string found)
    {
        var e = Fails(csv);
        Assert.Equal($"prices.csv, line 1: expected the header 'step,asset,price' but found '{found}'", e.Message);
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void Header_only_is_an_error_naming_the_file()
    {
        var e = Fails("step,asset,price\n\n");
        Assert.Equal("prices.csv: the scenario holds no prices", e.Message);
        Assert.Null(e.Line);
    }

    [Theory]
    [InlineData("1,ALFA")]
    [InlineData("1,ALFA,10,11")]
    [InlineData("1")]
    public void A_row_without_exactly_three_fields_is_an_error_on_its_line(string row)
    {
        var e = Fails($"step,asset,price\n0,ALFA,10\n{row}\n");
        Assert.Equal($"prices.csv, line 3: expected 3 fields 'step,asset,price' but found '{row}'", e.Message);
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void A_comma_as_decimal_separator_is_an_error_on_its_line()
    {
        var e = Fails("step,asset,price\n0,ALFA,100.5\n\n1,ALFA,100,5\n");
        Assert.Equal("prices.csv, line 4: expected 3 fields 'step,asset,price' but found '1,ALFA,100,5'", e.Message);
    }

    [Theory]
    [InlineData("ten")]
    [InlineData("1e5")]
    [InlineData("$10")]
    [InlineData("")]
    public void A_non_numeric_price_is_an_error_on_its_line(string price)
    {
        var e = Fails($"step,asset,price\n0,ALFA,{price}\n");
        Assert.Equal($"prices.csv, line 2: price '{price}' is not a decimal number (use '.' as the separator)", e.Message);
        Assert.Equal(2, e.Line);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.00")]
    [InlineData("-3.5")]
    [InlineData("-1")]
    public void A_zero_or_negative_price_is_an_error_on_its_line(string price)
    {
        var e = Fails($"step,asset,price\n0,ALFA,1\n1,ALFA,{price}\n");
        Assert.Equal($"prices.csv, line 3: price {price} is not positive", e.Message);
        Assert.Equal(3, e.Line);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public void A_step_that_is_not_a_whole_number_is_an_error_on_its_line(string step)
    {
        var e = Fails($"step,asset,price\n{step},ALFA,1\n");
        Assert.Equal($"prices.csv, line 2: step '{step}' is not a whole number ≥ 0", e.Message);
    }

    [Fact]
    public void An_empty_asset_is_an_error_on_its_line()
    {
        Assert.Equal("prices.csv, line 2: asset '' is not a name of at most 64 letters, digits, '-', '_' and '.'",
            Fails("step,asset,price\n0, ,1\n").Message);
    }

    [Fact]
    public void A_decreasing_step_is_an_error_on_its_line()
    {
        var e = Fails("step,asset,price\n5,ALFA,10\n5,BETA,10\n\n4,ALFA,11\n");
        Assert.Equal("prices.csv, line 5: step 4 comes after step 5; steps must not decrease", e.Message);
        Assert.Equal(5, e.Line);
    }

    [Fact]
    public void A_second_price_of_an_asset_in_one_step_is_an_error_on_its_line()
    {
        var e = Fails("step,asset,price\n0,ALFA,10\n0,BETA,20\n0,ALFA,11\n");
        Assert.Equal("prices.csv, line 4: asset ALFA has a second price in step 0", e.Message);
        Assert.Equal(4, e.Line);
    }

    [Fact]
    public void The_same_asset_in_consecutive_steps_is_fine()
    {
        Assert.Equal(2, Read("step,asset,price\n0,ALFA,10\n1,ALFA,11\n").Count);
    }

    [Fact]
    public void Reading_a_file_by_path_works()
    {
        var path = Path.Combine(Path.GetTempPath(), $"csv-scenario-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "step,asset,price\n0,ALFA,1.5\n1,ALFA,2\n");
        try
        {
            Assert.Equal(["0: ALFA=1.5", "1: ALFA=2"], Simplify(CsvScenario.Read(path).ToList()));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Reading_a_missing_file_is_a_scenario_error_naming_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.csv");

        var e = Assert.Throws<ScenarioException>(() => CsvScenario.Read(path).ToList());

        Assert.Equal($"{path}: no such file", e.Message);
        Assert.Equal(path, e.File);
        Assert.Null(e.Line);
    }

    [Fact]
    public void Outline_lists_assets_in_order_of_first_appearance_and_counts_steps_and_prices()
    {
        var outline = ScenarioSteps.Outline(Read("step,asset,price\n0,BETA,1\n1,ALFA,2\n1,BETA,3\n2,GAMMA,4\n"));

        Assert.Equal(["BETA", "ALFA", "GAMMA"], outline.Assets);
        Assert.Equal(3, outline.StepCount);
        Assert.Equal(4, outline.PriceCount);
    }
}
