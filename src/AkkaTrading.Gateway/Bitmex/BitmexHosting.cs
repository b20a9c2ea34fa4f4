using AkkaTrading.Engine.Bots;
using AkkaTrading.Gateway.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AkkaTrading.Gateway.Bitmex;

/// <summary>Wires the BitMEX dialect beside the native API: its services, <c>/realtime</c>, and its REST paths under
/// <c>/api/v1</c>.</summary>
public static class BitmexHosting
{
    public static IServiceCollection AddBitmexDialect(this IServiceCollection services, IEnumerable<RemoteBotSettings> remoteBots,
        bool publicReads)
    {
        var bots = remoteBots.ToList();
        services.AddSingleton(sp => new BitmexKeys(bots, sp.GetRequiredService<TimeProvider>(), publicReads));
        services.AddSingleton(sp => new BitmexViews(new BitmexMarkets(sp.GetRequiredService<ExchangeClient>().Assets)));
        services.AddSingleton<InstrumentBook>();
        services.AddSingleton<BitmexOrders>();
        return services;
    }

    public static WebApplication MapBitmexDialect(this WebApplication app)
    {
        BitmexRealtime.Map(app);
        BitmexRest.Map(app.MapGroup(GatewayHosting.ApiRoot));
        return app;
    }
}
