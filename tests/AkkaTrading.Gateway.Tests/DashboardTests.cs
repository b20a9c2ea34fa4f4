using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AkkaTrading.Tests.Shared;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AkkaTrading.Gateway.Tests;

/// <summary>The dashboard at <c>/</c> in a real headless chromium: prices move, a trade placed over the API appears, bots' standings
/// show (or are private when configured so); a screenshot is kept.</summary>
public sealed class DashboardTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_page_and_its_files_are_served_from_the_app_with_nothing_from_elsewhere()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.Client();
        var page = await client.GetAsync("");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("http", html.Replace("http-equiv", "", StringComparison.Ordinal), StringComparison.Ordinal);
        foreach (var file in new[] { "dashboard.js", "chart.js", "dashboard.css", "favicon.svg" })
        {
            Assert.Contains($"\"{file}\"", html);
            var response = await client.GetAsync(file);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var again = new HttpRequestMessage(HttpMethod.Get, file);
            again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
            Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
        }
    }

    [SkippableFact]
    public async Task Prices_move_a_trade_placed_over_the_api_appears_and_the_bots_standings_show()
    {
        var chromium = ExternalTools.Chromium();
        await using var server = await TestServer.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright, chromium);
        var (page, errors) = await OpenAsync(browser, server);

        var price = "() => document.querySelector('[data-asset=ALFA] .asset-price')?.textContent";
        var first = await (await page.WaitForFunctionAsync($"() => {{ const t = ({price})(); return t && t !== '–' ? t : null; }}"))
            .JsonValueAsync<string>();
        await page.WaitForFunctionAsync($"first => ({price})() !== first", first);
        await page.WaitForFunctionAsync("() => document.getElementById('status').classList.contains('live')");

        var seq = await BuyAsync(server, 7);
        await page.WaitForFunctionAsync($"() => !!document.querySelector('#trades tr[data-bot=alice][data-seq=\"{seq}\"]')");
        await page.WaitForFunctionAsync(
            "() => document.querySelector('#bots tr[data-bot=alice] .positions')?.textContent.startsWith('7 ALFA @ ')");
        Assert.Equal(3, await page.Locator("#bots tbody tr").CountAsync());
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#trades tbody tr').length >= 2"); // the house bot trades too

        await ScreenshotAsync(page, "dashboard.png");
        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task With_private_accounts_the_page_shows_prices_and_trades_only()
    {
        var chromium = ExternalTools.Chromium();
        await using var server = await TestServer.StartAsync("public-accounts = false");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright, chromium);
        var (page, errors) = await OpenAsync(browser, server);

        var seq = await BuyAsync(server, 2);
        await page.WaitForFunctionAsync($"() => !!document.querySelector('#trades tr[data-bot=alice][data-seq=\"{seq}\"]')");
        await page.WaitForFunctionAsync("() => !document.getElementById('bots-private').hidden");
        Assert.True(await page.Locator("#bots").IsHiddenAsync());
        await ScreenshotAsync(page, "dashboard-private-accounts.png");
        // the refused overview shows in the console as a failed request; nothing else may fail
        Assert.All(errors, e => Assert.Contains("403", e));
    }

    // --no-sandbox: CI runs as root, where chromium's sandbox refuses to start
    private static Task<IBrowser> LaunchAsync(IPlaywright playwright, string chromium) =>
        playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox"] });

    private static async Task<(IPage Page, List<string> Errors)> OpenAsync(IBrowser browser, TestServer server)
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 820 } });
        page.SetDefaultTimeout(20_000);
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") lock (errors) errors.Add($"{m.Text} ({m.Location})"); };
        page.PageError += (_, e) => { lock (errors) errors.Add(e); };
        await page.GotoAsync(server.BaseAddress.ToString());
        return (page, errors);
    }

    /// <summary>Alice buys ALFA over REST (again while it has no price yet); the seq of her trade.</summary>
    private static async Task<long> BuyAsync(TestServer server, int quantity)
    {
        using var alice = server.Client(TestServer.AliceToken);
        for (var attempt = 0; ; attempt++)
        {
            var order = await alice.PostAsJsonAsync("api/v1/orders", new { asset = "ALFA", side = "buy", quantity });
            if (order.StatusCode == HttpStatusCode.OK || attempt == 100)
            {
                var body = await order.Content.ReadAsStringAsync();
                Assert.True(order.StatusCode == HttpStatusCode.OK, body);
                return JsonDocument.Parse(body).RootElement.GetProperty("seq").GetInt64();
            }
            await Task.Delay(25);
        }
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "artifacts", name);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
        Console.WriteLine($"screenshot: {path}");
    }
}
