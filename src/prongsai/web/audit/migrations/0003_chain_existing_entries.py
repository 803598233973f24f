"""Chains the entries made before the chain existed, in the order they were made (by id), and
records the head. From here on, AuditEntry.save() extends the chain."""

from django.db import migrations

from prongsai import audit_chain

BATCH = 500


def chain(apps, schema_editor):
    AuditEntry = apps.get_model("audit", "AuditEntry")
    AuditHead = apps.get_model("audit", "AuditHead")
    db = schema_editor.connection.alias
    seq, prev, batch = 0, audit_chain.GENESIS, []
    for entry in AuditEntry.objects.using(db).order_by("id").iterator(chunk_size=BATCH):
        seq += 1
        entry.seq, entry.prev_hash = seq, prev
        entry.hash = prev = audit_chain.entry_hash(prev, {n: getattr(entry, n) for n in audit_chain.CONTENT_FIELDS})
        batch.append(entry)
        if len(batch) >= BATCH:
            AuditEntry.objects.using(db).bulk_update(batch, ["seq", "prev_hash", "hash"])
            batch = []
    if batch:
        AuditEntry.objects.using(db).bulk_update(batch, ["seq", "prev_hash", "hash"])
    AuditHead.objects.using(db).update_or_create(pk=1, defaults={"seq": seq, "hash": prev})


def unchain(apps, schema_editor):
    apps.get_model("audit", "AuditHead").objects.using(schema_editor.connection.alias).all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0002_chain_fields'),
    ]

    operations = [
        migrations.RunPython(chain, unchain),
    ]
