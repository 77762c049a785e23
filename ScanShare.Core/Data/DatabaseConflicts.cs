using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ScanShare.Core.Data;

/// <summary>
/// Failures that mean "another writer got there first", not "this is wrong": on a database server with parallel
/// writers (several app instances on PostgreSQL) the same work done again sees the other's commit and succeeds or
/// finds its answer. SQLite takes one writer at a time and only meets these as a unique key already taken.
/// </summary>
public static class DatabaseConflicts
{
    public const int MaxAttempts = 4;

    private const string SerializationFailure = "40001";
    private const string DeadlockDetected = "40P01";
    private const string UniqueViolation = "23505";

    public static bool IsConflict(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState is SerializationFailure or DeadlockDetected or UniqueViolation,
        DbUpdateException { InnerException: PostgresException postgres } => IsConflict(postgres),
        DbUpdateException => true,
        { InnerException: { } inner } => IsConflict(inner),
        _ => false,
    };

    /// <summary>Runs <paramref name="work"/> again (a fresh start each time) while it loses to a concurrent writer, a few times at most.</summary>
    public static Task RetryAsync(Func<Task> work) =>
        RetryAsync<object>(async () =>
        {
            await work();
            return work;
        });

    /// <inheritdoc cref="RetryAsync(Func{Task})"/>
    /// <param name="settledByOther">After a conflict: the answer the other writer's commit already gives, if any.</param>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> work, Func<Task<T?>>? settledByOther = null)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work();
            }
            catch (Exception ex) when (IsConflict(ex))
            {
                if (settledByOther is not null && await settledByOther() is { } answer)
                {
                    return answer;
                }

                if (attempt >= MaxAttempts)
                {
                    throw;
                }

                await Task.Delay(Random.Shared.Next(5, 20 * attempt));
            }
        }
    }
}
