"""The hash chain's columns (filled for existing entries by 0003), sign-in and download actions,
the client address, and the chain's head."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='auditentry',
            name='seq',
            field=models.PositiveBigIntegerField(editable=False, null=True, verbose_name='ลำดับ'),
        ),
        migrations.AddField(
            model_name='auditentry',
            name='prev_hash',
            field=models.CharField(default='', editable=False, max_length=64, verbose_name='รหัสตรวจสอบของรายการก่อนหน้า'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='auditentry',
            name='hash',
            field=models.CharField(default='', editable=False, max_length=64, verbose_name='รหัสตรวจสอบ'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='auditentry',
            name='address',
            field=models.CharField(blank=True, default='', max_length=45, verbose_name='ที่อยู่เครื่อง'),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name='auditentry',
            name='action',
            field=models.CharField(choices=[('create', 'เพิ่ม'), ('update', 'แก้ไข'), ('delete', 'ลบ'), ('login', 'เข้าสู่ระบบ'), ('login_failed', 'เข้าสู่ระบบไม่สำเร็จ'), ('logout', 'ออกจากระบบ'), ('download', 'ดาวน์โหลด')], max_length=20, verbose_name='การกระทำ'),
        ),
        migrations.AlterField(
            model_name='auditentry',
            name='at',
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now, editable=False, verbose_name='เวลา'),
        ),
        migrations.CreateModel(
            name='AuditHead',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('seq', models.PositiveBigIntegerField(default=0, verbose_name='ลำดับล่าสุด')),
                ('hash', models.CharField(default='0000000000000000000000000000000000000000000000000000000000000000', max_length=64, verbose_name='รหัสตรวจสอบล่าสุด')),
            ],
            options={
                'verbose_name': 'รายการล่าสุดของบันทึกการเปลี่ยนแปลง',
            },
        ),
    ]
