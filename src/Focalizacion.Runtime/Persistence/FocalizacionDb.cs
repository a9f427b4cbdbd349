using Microsoft.EntityFrameworkCore;

namespace Focalizacion.Runtime.Persistence;

/// <summary>
/// The EF Core context over the store. The schema is owned by the SQL migrations in
/// <c>Persistence/Migrations</c> (the journal's append-only trigger is not something EF models);
/// this context only maps to it, with snake_case names and enums stored as strings.
/// </summary>
public sealed class FocalizacionDb(DbContextOptions<FocalizacionDb> options) : DbContext(options)
{
    public DbSet<DefinitionRow> Definitions => Set<DefinitionRow>();

    public DbSet<InstanceRow> Instances => Set<InstanceRow>();

    public DbSet<BookmarkRow> Bookmarks => Set<BookmarkRow>();

    public DbSet<TimerRow> Timers => Set<TimerRow>();

    public DbSet<OutboxRow> Outbox => Set<OutboxRow>();

    public DbSet<IncidentRow> Incidents => Set<IncidentRow>();

    public DbSet<JournalRow> Journal => Set<JournalRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<DefinitionRow>(e =>
        {
            e.ToTable("workflow_definitions");
            e.Property(d => d.Status).HasConversion<string>();
        });
        modelBuilder.Entity<InstanceRow>(e =>
        {
            e.ToTable("workflow_instances");
            e.Property(i => i.State).HasColumnType("jsonb");
        });
        modelBuilder.Entity<BookmarkRow>(e =>
        {
            e.ToView("bookmarks");
            e.HasKey(b => new { b.InstanceId, b.TokenId });
        });
        modelBuilder.Entity<TimerRow>(e =>
        {
            e.ToTable("timers");
            e.Property(t => t.State).HasConversion<string>();
        });
        modelBuilder.Entity<OutboxRow>(e =>
        {
            e.ToTable("outbox");
            e.Property(o => o.State).HasConversion<string>();
            e.Property(o => o.Payload).HasColumnType("jsonb");
            e.Property(o => o.Result).HasColumnType("jsonb");
        });
        modelBuilder.Entity<IncidentRow>(e =>
        {
            e.ToTable("incidents");
            e.Property(i => i.State).HasConversion<string>();
        });
        modelBuilder.Entity<JournalRow>(e => e.ToTable("journal"));
    }
}
