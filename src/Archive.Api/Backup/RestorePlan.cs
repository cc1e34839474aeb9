using NodaTime;

namespace Archive.Api.Backup;

/// <summary>What a point-in-time restore will use: the base backup and the run of WAL files after it.</summary>
/// <param name="Backup">The newest base backup completed before the target.</param>
/// <param name="Target">The instant to recover to, or null for the end of the shipped WAL.</param>
/// <param name="Wal">The WAL keys to fetch (segments from the backup's first one without a gap, and timeline histories).</param>
/// <param name="FirstSegment">The first WAL segment of the run.</param>
/// <param name="LastSegment">The last WAL segment of the run.</param>
public sealed record RestorePlan(BaseBackupRecord Backup, Instant? Target, IReadOnlyList<string> Wal, string FirstSegment, string LastSegment);
