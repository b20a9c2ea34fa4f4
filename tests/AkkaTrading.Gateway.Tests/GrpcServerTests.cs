namespace AkkaTrading.Gateway.Tests;

/// <summary>A real server for one gRPC test, with orders unthrottled, and a deadline for the test's calls.</summary>
public abstract class GrpcServerTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));

    protected TestServer Server { get; private set; } = null!;

    protected CancellationToken Cancel => _timeout.Token;

    public async Task InitializeAsync() => Server = await TestServer.StartAsync("orders-per-second = 1000, order-burst = 1000");

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _timeout.Dispose();
    }
}
