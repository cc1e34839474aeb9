using System.Globalization;
using Archive.Integrity.Database;
using Npgsql;

namespace Archive.Testing;

/// <summary>
/// A database of its own on the test cluster, migrated, with one data source built as the host builds it
/// (<c>UseNodaTime()</c>) and small SQL helpers. Disposing it disposes, in reverse order, whatever was registered with
/// <see cref="Own{T}"/> (ledgers, extra data sources), then its data source, then empties its connection-string pool.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    private TestDatabase(string superuser)
    {
        SuperuserConnectionString = superuser;
        ConnectionString = TestServices.AsRole(superuser, TestServices.AppRole);
        OwnerConnectionString = TestServices.AsRole(superuser, TestServices.OwnerRole);
        DataSource = CreateDataSource();
    }

    /// <summary>
    /// The database's connection string as the application role, as the host connects at runtime (with the test pool
    /// settings): on <c>ledger.*</c> only <c>SELECT</c> and <c>INSERT</c>.
    /// </summary>
    public string ConnectionString { get; }

    /// <summary>The database as the owner role, which ran the migrations.</summary>
    public string OwnerConnectionString { get; }

    /// <summary>The database as the cluster's superuser: what <see cref="ExecuteAsync(string, object[])"/>,
    /// <see cref="ScalarAsync(string, object[])"/> and <see cref="TamperAsync"/> use (set-up, inspection, tampering).</summary>
    public string SuperuserConnectionString { get; }

    /// <summary>The data source shared by the test's components, as the host shares one.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>
    /// Creates the database, runs <paramref name="migrations"/> on it in order as the owner role and grants the
    /// application role its privileges, as the host's start-up does.
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(string prefix, params Func<string, CancellationToken, Task>[] migrations)
    {
        var database = new TestDatabase(await TestServices.CreateDatabaseAsync(prefix));
        foreach (var migrate in migrations)
        {
            await migrate(database.OwnerConnectionString, CancellationToken.None);
        }

        await RuntimeGrants.ApplyAsync(database.OwnerConnectionString, TestServices.AppRole, CancellationToken.None);
        return database;
    }

    /// <summary>A data source of its own (as a separate process would have one), disposed with the database.</summary>
    public NpgsqlDataSource CreateDataSource() => Own(new NpgsqlDataSourceBuilder(ConnectionString).UseNodaTime().Build());

    /// <summary>Registers <paramref name="disposable"/> to be disposed with the database, before what was registered earlier.</summary>
    public T Own<T>(T disposable)
        where T : IAsyncDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    /// <summary>Runs <paramref name="sql"/> with positional parameters (<c>$1</c>, …); returns the rows affected.</summary>
    public Task<int> ExecuteAsync(string sql, params object[] args) => ExecuteAsync(SuperuserConnectionString, sql, args);

    /// <summary>The first column of the first row of <paramref name="sql"/>, as a long (counts, versions).</summary>
    public Task<long> ScalarAsync(string sql, params object[] args) => ScalarAsync(SuperuserConnectionString, sql, args);

    /// <summary>Changes rows of <paramref name="table"/> (schema-qualified) behind the application's back, as a rogue
    /// administrator could: its user triggers (the append-only guards) are disabled for the statement.</summary>
    public Task TamperAsync(string table, string sql) =>
        ExecuteAsync($"""
            BEGIN;
            ALTER TABLE {table} DISABLE TRIGGER USER;
            {sql};
            ALTER TABLE {table} ENABLE TRIGGER USER;
            COMMIT;
            """);

    /// <summary>Runs <paramref name="sql"/> on the database of <paramref name="connectionString"/>; returns the rows affected.</summary>
    public static async Task<int> ExecuteAsync(string connectionString, string sql, params object[] args)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = Command(connection, sql, args);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of the first row of <paramref name="sql"/> on the database of <paramref name="connectionString"/>, as a long.</summary>
    public static async Task<long> ScalarAsync(string connectionString, string sql, params object[] args) =>
        Convert.ToInt64(await ValueAsync(connectionString, sql, args), CultureInfo.InvariantCulture);

    /// <summary>The first column of the first row of <paramref name="sql"/> on the database of <paramref name="connectionString"/>.</summary>
    public static async Task<object?> ValueAsync(string connectionString, string sql, params object[] args)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = Command(connection, sql, args);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        foreach (var connectionString in new[] { ConnectionString, OwnerConnectionString, SuperuserConnectionString })
        {
            await using var connection = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(connection);
        }
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object[] args)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        }

        return command;
    }
}
