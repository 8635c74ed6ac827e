using System.Text.RegularExpressions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace StreamJobs.Host.Ui;

/// <summary>
/// The trace viewer at <c>/ui</c>: static files embedded in this assembly (Ui/assets), served with a strict
/// Content-Security-Policy. The pages are one document; <c>/ui/traces/{id}</c> and <c>/ui/live</c> answer it too, so a
/// trace link can be opened, bookmarked and shared. The pages read the Zipkin API and the taps with the browser's
/// own requests, so the host's access rules (OperatorAccess) apply to them unchanged.
/// </summary>
internal static partial class UiEndpoints
{
    public const string Path = "/ui";

    // Span data is hostile input: the pages render it as text only, and this policy is the second wall. No inline
    // script or style, nothing from another origin, no framing, no plugins, no <base> tricks, forms post nowhere else.
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static void MapUi(this WebApplication app)
    {
        var files = new ManifestEmbeddedFileProvider(typeof(UiEndpoints).Assembly, "Ui/assets");
        var index = files.GetFileInfo("index.html");
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path), ui =>
        {
            ui.Use((context, next) =>
            {
                context.Response.OnStarting(() =>
                {
                    AddSecurityHeaders(context.Response.Headers);
                    return Task.CompletedTask;
                });
                return next(context);
            });
            ui.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                RequestPath = Path,
                // Assets change only with the host's binaries; revalidating is cheap (ETag) and never serves a stale page.
                OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
            });
            // Neither a page nor a file: say so, rather than an empty 404.
            ui.Use((context, next) => context.GetEndpoint() is null
                ? NotFound("no such page or file under /ui").ExecuteAsync(context)
                : next(context));
        });
        app.MapGet("/", () => Results.Redirect(Path + "/"));
        app.MapGet(Path, () => Page(index)); // routing matches /ui and /ui/ alike
        app.MapGet(Path + "/live", () => Page(index));
        app.MapGet(Path + "/traces/{id}", (string id) => TraceId().IsMatch(id)
            ? Page(index)
            : NotFound("not a trace ID: a trace ID is 16 or 32 hex digits"));
    }

    private static IResult Page(IFileInfo index) =>
        Results.Stream(index.CreateReadStream(), "text/html; charset=utf-8");

    // Plain text, never the request echoed back: the path is the attacker's.
    private static IResult NotFound(string message) => Results.Text(message + "\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);

    private static void AddSecurityHeaders(IHeaderDictionary headers)
    {
        headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.XFrameOptions] = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
    }

    [GeneratedRegex("^(?:[0-9a-fA-F]{16}|[0-9a-fA-F]{32})$")]
    private static partial Regex TraceId();
}
