using Npgsql;

namespace Archive.Integrity.Database;

/// <summary>Recognises a database that is unreachable or restarting, whichever library's exception carries it.</summary>
public static class DatabaseFailures
{
    /// <summary>
    /// The transient database failure in <paramref name="exception"/> or among its inner exceptions (Hangfire's client
    /// wraps it when enqueueing), or <see langword="null"/> when there is none.
    /// </summary>
    /// <param name="exception">What was thrown.</param>
    public static NpgsqlException? Transient(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            // 57P01–57P03: the server is shutting down or starting up; 08: the connection failed.
            if (e is NpgsqlException { IsTransient: true } or PostgresException { SqlState: ['5', '7', 'P', ..] or ['0', '8', ..] })
            {
                return (NpgsqlException)e;
            }
        }

        return null;
    }
}
