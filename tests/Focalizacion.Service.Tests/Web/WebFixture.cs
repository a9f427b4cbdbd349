using System.Text.Json;
using Focalizacion.Service.Tests.Api;
using Microsoft.Playwright;

namespace Focalizacion.Service.Tests.Web;

/// <summary>
/// Browser tests: one real service per fixture (<see cref="AdminApiService"/>: mid-cycle, one user per
/// role, each with <see cref="AdminApiService.Password"/>) and Debian's Chromium driven by Playwright
/// (<c>/usr/bin/chromium</c>, which the test script installs; Playwright cannot download its own
/// browsers here). Each test gets a fresh browser context (no cookies shared); every page a test
/// checks is run through axe-core (WCAG 2.2 AA) and kept as a screenshot in <see cref="ScreenshotFolder"/>.
/// </summary>
public abstract class WebFixture : ApiServiceFixture
{
    /// <summary>Where the screenshots go: FOCALIZACION_CAPTURAS, or capturas/ next to the test binaries.</summary>
    public static readonly string ScreenshotFolder = Environment.GetEnvironmentVariable("FOCALIZACION_CAPTURAS") is { Length: > 0 } folder
        ? folder
        : Path.Combine(AppContext.BaseDirectory, "capturas");

    /// <summary>The WCAG levels axe checks: 2.0, 2.1 and 2.2, A and AA.</summary>
    private static readonly string[] AxeTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    private static readonly Lazy<string> Axe = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "axe.min.js")));

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IBrowserContext? _context;
    private readonly List<string> _consoleErrors = [];
    private readonly List<(int Status, string Path)> _expectedAnswers = [];

    /// <summary>The fixture's Chromium, for a test that needs a second user's context beside its page's.</summary>
    private protected IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    /// <summary>This test's page.</summary>
    private protected IPage Page { get; private set; } = null!;

    /// <summary>The service's address, for absolute URLs.</summary>
    private protected string Base => Api.Service.Address.ToString().TrimEnd('/');

    [OneTimeSetUp]
    public async Task LaunchBrowserAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await LaunchChromiumAsync(_playwright);
    }

    /// <summary>
    /// Debian's Chromium, headless, as root in a sandbox-less container, with no connection of its own
    /// to the (closed) network: Google's update and sync services would be refused at every start.
    /// </summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    [OneTimeTearDown]
    public async Task CloseBrowserAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
    }

    [SetUp]
    public async Task NewContextAsync()
    {
        _consoleErrors.Clear();
        _expectedAnswers.Clear();
        _context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Base,
            Locale = "es-CL",
            TimezoneId = "America/Santiago",
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            AcceptDownloads = true,
        });
        _context.SetDefaultTimeout(20_000);
        Page = await _context.NewPageAsync();
        // A script or style the CSP refuses, or a failing script, is an error of the page.
        Page.Console += (_, message) =>
        {
            // Failed loads are told by the responses below: the page's own error status (a 404 page, a refused form) is not an error.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                lock (_consoleErrors)
                {
                    _consoleErrors.Add(message.Text);
                }
            }
        };
        Page.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Request.ResourceType != "document" && !Expected(response))
            {
                lock (_consoleErrors)
                {
                    _consoleErrors.Add($"{response.Status} for {response.Request.ResourceType} {response.Url}");
                }
            }
        };
        Page.PageError += (_, error) =>
        {
            lock (_consoleErrors)
            {
                _consoleErrors.Add(error);
            }
        };
    }

    /// <summary>
    /// Lets this test's page get <paramref name="status"/> from <paramref name="path"/> without it
    /// counting as an error: an answer the page asks for and shows (the designer's 422 for a bad plazo rule).
    /// </summary>
    private protected void ExpectAnswer(int status, string path)
    {
        lock (_consoleErrors)
        {
            _expectedAnswers.Add((status, path));
        }
    }

    private bool Expected(IResponse response)
    {
        lock (_consoleErrors)
        {
            return _expectedAnswers.Contains((response.Status, new Uri(response.Url).AbsolutePath));
        }
    }

    [TearDown]
    public async Task CloseContextAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }
    }

    /// <summary>Logs in on the login page as <paramref name="email"/>, landing on <paramref name="path"/>; in <paramref name="page"/> (another context's) instead of the test's own when given.</summary>
    private protected async Task LogInAsync(string email, string path = "/", IPage? page = null)
    {
        page ??= Page;
        await page.GotoAsync(path);
        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo("/ingresar"), "an anonymous browser is sent to log in");
        await page.GetByLabel("Correo electrónico").FillAsync(email);
        await page.GetByLabel("Clave").FillAsync(AdminApiService.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ingresar", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).PathAndQuery == path);
    }

    /// <summary>
    /// Runs axe-core in the page (WCAG 2.0–2.2, A and AA) and asserts it finds no violation; keeps a
    /// full-page screenshot as <paramref name="name"/>.png; asserts the page logged no error (a CSP refusal among them).
    /// </summary>
    private protected async Task CheckPageAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var shot = Path.Combine(ScreenshotFolder, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        TestContext.AddTestAttachment(shot, name);
        // Evaluated through the DevTools protocol, axe is not a script of the page: the page's CSP stays as served.
        await Page.EvaluateAsync(Axe.Value);
        var result = await Page.EvaluateAsync<JsonElement>(
            "async tags => { const r = await axe.run(document, { runOnly: { type: 'tag', values: tags } }); "
            + "return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary) })); }",
            AxeTags);
        var violations = result.EnumerateArray().Select(v => v.ToString()).ToList();
        Assert.That(violations, Is.Empty, $"axe-core found WCAG violations on {name} ({Page.Url})");
        lock (_consoleErrors)
        {
            Assert.That(_consoleErrors, Is.Empty, $"errors logged by {name} ({Page.Url})");
        }
    }

    /// <summary>Downloads what clicking <paramref name="link"/> gives; its file name and bytes.</summary>
    private protected async Task<(string Name, byte[] Bytes)> DownloadAsync(ILocator link)
    {
        var download = await Page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var path = await download.PathAsync();
        return (download.SuggestedFilename, await File.ReadAllBytesAsync(path));
    }

    /// <summary>
    /// Where <paramref name="badge"/> (an overlay of a bpmn-js diagram) is drawn: whether its box lies
    /// wholly inside <paramref name="frame"/> (the diagram's canvas), and the texts of those of
    /// <paramref name="labels"/> whose boxes it covers (a badge at a fixed offset from its element sat
    /// on the name of the task a boundary timer is attached to).
    /// </summary>
    private protected static async Task<(bool Inside, IReadOnlyList<string> Covered)> BadgePlaceAsync(ILocator badge, ILocator frame, ILocator labels)
    {
        var box = (await badge.BoundingBoxAsync())!;
        var canvas = (await frame.BoundingBoxAsync())!;
        var inside = box.X >= canvas.X && box.Y >= canvas.Y && box.X + box.Width <= canvas.X + canvas.Width && box.Y + box.Height <= canvas.Y + canvas.Height;
        var covered = new List<string>();
        foreach (var label in await labels.AllAsync())
        {
            if (await label.BoundingBoxAsync() is { } text
                && box.X < text.X + text.Width && text.X < box.X + box.Width && box.Y < text.Y + text.Height && text.Y < box.Y + box.Height)
            {
                covered.Add(await label.TextContentAsync() ?? "");
            }
        }
        return (inside, covered);
    }
}
