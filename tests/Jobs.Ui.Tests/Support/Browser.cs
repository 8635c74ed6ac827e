using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace StreamJobs.Ui.Tests.Support;

/// <summary>
/// Headless Chromium from Debian's packages (<c>chromium</c>, <c>chromium-driver</c>; scripts/install-chromium.sh),
/// driven through Selenium. Paths are explicit so Selenium never tries to download a browser or a driver.
/// </summary>
public sealed class Browser : IDisposable
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const string DriverPath = "/usr/bin/chromedriver";

    private Browser(ChromeDriver driver) => Driver = driver;

    public ChromeDriver Driver { get; }

    /// <summary>Why the browser tests cannot run here, or null when they can.</summary>
    public static string? Missing =>
        File.Exists(ChromiumPath) && File.Exists(DriverPath) ? null
            : $"{ChromiumPath} or {DriverPath} is missing: run scripts/install-chromium.sh (apt-get install chromium chromium-driver)";

    public static Browser Start()
    {
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        // A laptop screen; --no-sandbox because CI runs as root, where Chromium's sandbox refuses to start.
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1366,768",
            "--no-first-run", "--disable-extensions", "--lang=en-US");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        return new Browser(new ChromeDriver(service, options, TimeSpan.FromSeconds(60)));
    }

    public void Open(string url) => Driver.Navigate().GoToUrl(url);

    /// <summary>Waits until <paramref name="condition"/> returns a non-null, non-false value; fails with what the page shows.</summary>
    public T Until<T>(Func<IWebDriver, T> condition, TimeSpan? timeout = null, string? what = null)
    {
        var wait = new WebDriverWait(Driver, timeout ?? TimeSpan.FromSeconds(20)) { PollingInterval = TimeSpan.FromMilliseconds(100) };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        try
        {
            return wait.Until(condition);
        }
        catch (WebDriverTimeoutException)
        {
            var shows = Text("#notice") + "\n" + Text("main");
            throw new Xunit.Sdk.XunitException($"timed out waiting for {what ?? "the page"}; the page shows:\n{shows[..Math.Min(shows.Length, 1500)]}");
        }
    }

    public string Text(string css)
    {
        try
        {
            return Driver.FindElement(By.CssSelector(css)).Text;
        }
        catch (NoSuchElementException)
        {
            return "";
        }
    }

    /// <summary>The text of every element matching <paramref name="css"/>, read in one script so none goes stale midway.</summary>
    public IReadOnlyList<string> Texts(string css) =>
        ((IReadOnlyCollection<object>)Driver.ExecuteScript("return [...document.querySelectorAll(arguments[0])].map(e => e.textContent)", css)!)
            .Select(o => (string)o).ToList();

    /// <summary>
    /// Script errors and CSP violations the page logged since the last call. An HTTP error answer (a 404 for a trace
    /// that is not stored) is logged too, but it is the page's job to explain it, so it is left out here.
    /// </summary>
    public IReadOnlyList<string> ConsoleErrors() =>
        Driver.Manage().Logs.GetLog(LogType.Browser)
            .Where(e => e.Level >= LogLevel.Warning && !e.Message.Contains("Failed to load resource", StringComparison.Ordinal))
            .Select(e => e.Message)
            .ToList();

    public string Screenshot(string name)
    {
        var path = Path.Combine(Artifacts.Directory, name + ".png");
        Driver.GetScreenshot().SaveAsFile(path);
        return path;
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
    }
}
