using Npgsql;
using ScanShare.Tests.Support;
using ScanShare.Tests.Support.Servers;
using StackExchange.Redis;

namespace ScanShare.Tests.Hosting;

public sealed class ThrowawayServerTests
{
    [Fact]
    public async Task PostgresAnswersOnLoopback()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version()", connection);

        Assert.Contains("PostgreSQL", (string)(await command.ExecuteScalarAsync())!);
        Assert.Equal("127.0.0.1", new NpgsqlConnectionStringBuilder(connectionString).Host);
    }

    [Fact]
    public async Task DatabasesMadeInParallelFromOneTemplateEachHoldItsTable()
    {
        var server = await PostgresServer.SharedAsync();
        await server.CreateTemplateOnceAsync("throwaway_server_tests", async connectionString =>
        {
            await ExecuteAsync(connectionString, "CREATE TABLE visits (token text NOT NULL); INSERT INTO visits VALUES ('A-001')");
        });

        var copies = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => server.CreateDatabaseAsync("throwaway_server_tests")));

        Assert.Equal(4, copies.Distinct().Count());
        foreach (var copy in copies)
        {
            await using var connection = new NpgsqlConnection(copy);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT string_agg(token, ',') FROM visits", connection);
            Assert.Equal("A-001", await command.ExecuteScalarAsync());
        }
    }

    [Fact]
    public async Task RedisDeliversAPublishedMessageToASubscriber()
    {
        var server = await RedisServer.SharedAsync();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var channel = RedisChannel.Literal($"tokens-{Guid.NewGuid():N}");
        await redis.GetSubscriber().SubscribeAsync(channel, (_, message) => received.TrySetResult(message!));

        var subscribers = await redis.GetSubscriber().PublishAsync(channel, "A-001 called to counter 2");

        Assert.Equal(1, subscribers);
        Assert.Equal("A-001 called to counter 2", await received.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task AnOwnRedisStoppedAndStartedAgainAnswersOnTheSamePort()
    {
        await using var server = await RedisServer.StartOwnAsync();
        var port = server.Port;
        Assert.True(await RedisServer.AnswersPingAsync(port));

        await server.StopAsync();
        Assert.False(await RedisServer.AnswersPingAsync(port));

        await server.StartAsync();
        Assert.Equal(port, server.Port);
        Assert.True(await RedisServer.AnswersPingAsync(port));
        Assert.Equal($"127.0.0.1:{port}", server.Configuration);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
