namespace Focalizacion.Service.Tests.Api;

/// <summary>
/// A fixture with one running service for all its tests (<see cref="AdminApiService"/>): started once
/// before the first, stopped after the last, so the suite pays a service start per fixture, not per test.
/// </summary>
public abstract class ApiServiceFixture
{
    private AdminApiService? _api;

    private protected AdminApiService Api => _api ?? throw new InvalidOperationException("The fixture's service has not started.");

    [OneTimeSetUp]
    public async Task StartServiceAsync()
    {
        _api = await AdminApiService.StartAsync(ServiceStart);
        await StartedAsync();
    }

    [OneTimeTearDown]
    public async Task StopServiceAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }

    /// <summary>Where the service's clock starts: <see cref="AdminApiService.Start"/>, mid-cycle for budget year 2027, unless a fixture needs another moment.</summary>
    private protected virtual NodaTime.Instant ServiceStart => AdminApiService.Start;

    /// <summary>What a fixture prepares on the running service before its tests (incidents to resolve).</summary>
    private protected virtual Task StartedAsync() => Task.CompletedTask;
}
