using OpenQA.Selenium;
using StreamJobs.Ui.Tests.Support;

namespace StreamJobs.Ui.Tests;

/// <summary>The pages' frame: served from the assembly under a strict CSP, links and the trace-id box work.</summary>
[Collection(UiCollection.Name)]
public sealed class UiShellTests(DemoSite site)
{
    [Fact]
    public async Task Every_page_is_served_with_a_strict_content_security_policy()
    {
        foreach (var path in new[] { "/ui", "/ui/", "/ui/live", "/ui/traces/4bf92f3577b34da6a3ce929d0e0e4736", "/ui/app.js", "/ui/app.css" })
        {
            using var response = await site.Host.Http.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'none'", csp);
            Assert.Contains("script-src 'self'", csp);
            Assert.DoesNotContain("unsafe", csp);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }
        using var root = await site.Host.Http.GetAsync("/");
        Assert.Equal("/ui/", root.RequestMessage!.RequestUri!.AbsolutePath); // followed the redirect
    }

    [Fact]
    public void The_pages_load_without_a_script_error_or_a_CSP_violation()
    {
        var browser = site.Browser;
        browser.ConsoleErrors(); // drop what earlier tests left
        foreach (var path in new[] { "/ui/live", "/ui/" })
        {
            browser.Open(site.Url(path));
            browser.Until(d => d.FindElements(By.CssSelector("main form")).Count > 0, what: $"the form on {path}");
        }
        Assert.Empty(browser.ConsoleErrors());
    }

    [Fact]
    public void A_trace_id_typed_in_the_header_opens_the_trace_page_and_a_bad_one_is_explained()
    {
        var browser = site.Browser;
        browser.Open(site.Url("/ui/live"));
        var box = browser.Until(d => d.FindElement(By.Id("trace-id")));
        box.SendKeys("not-a-trace" + Keys.Enter);
        browser.Until(d => d.FindElement(By.Id("notice")).Displayed, what: "the notice");
        Assert.Contains("not a trace ID", browser.Text("#notice"));
        Assert.EndsWith("/ui/live", browser.Driver.Url);

        box.Clear();
        box.SendKeys("b3: 80F198EE56343BA864FE8B2A57D3EFF7-e457b5a2e4d86bd1-1" + Keys.Enter);
        browser.Until(d => d.Url.EndsWith("/ui/traces/80f198ee56343ba864fe8b2a57d3eff7", StringComparison.Ordinal), what: "the trace URL");
        browser.Until(d => d.FindElement(By.CssSelector("main .message")), what: "the trace page's answer");
    }

    [Fact]
    public void A_traceparent_pasted_outside_any_field_opens_its_trace()
    {
        var browser = site.Browser;
        browser.Open(site.Url("/ui/live"));
        browser.Until(d => d.FindElement(By.Id("live-query")));
        // What Ctrl+V on the page body delivers; the clipboard itself is out of a headless browser's reach.
        browser.Driver.ExecuteScript("""
            const data = new DataTransfer();
            data.setData('text/plain', ' 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 ');
            document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
            """);
        browser.Until(d => d.Url.EndsWith("/ui/traces/4bf92f3577b34da6a3ce929d0e0e4736", StringComparison.Ordinal), what: "the pasted trace's page");
    }
}
