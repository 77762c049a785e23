// Counter PCs and TVs stay on one page for days: after a network drop or a server restart keep trying,
// every second at first, then every five, for as long as it takes.
// A file rather than an inline script, so the content security policy allows scripts from the app's own files only.
Blazor.start({
    circuit: {
        reconnectionOptions: {
            maxRetries: Number.MAX_SAFE_INTEGER,
            retryIntervalMilliseconds: attempt => Math.min(1000 * (attempt + 1), 5000),
        },
    },
});
