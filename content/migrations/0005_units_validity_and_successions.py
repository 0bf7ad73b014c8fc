"""Administrative units identified by code and validity (step 1 of 3): the schema beside the old one."""

import datetime
import django.db.models.deletion
import django.db.models.functions.comparison
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('content', '0004_community_moves_out'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='administrativeunit',
            options={'ordering': ['level', 'name', 'code'], 'verbose_name': 'administrative unit', 'verbose_name_plural': 'administrative units'},
        ),
        migrations.AddField(
            model_name='administrativeunit',
            name='latitude',
            field=models.FloatField(blank=True, help_text='Commune centre.', null=True, verbose_name='latitude'),
        ),
        migrations.AddField(
            model_name='administrativeunit',
            name='longitude',
            field=models.FloatField(blank=True, null=True, verbose_name='longitude'),
        ),
        migrations.AlterField(
            model_name='administrativeunit',
            name='code',
            field=models.CharField(db_index=True, help_text='Official NSO code (reused across 2025).', max_length=32, verbose_name='code'),
        ),
        migrations.CreateModel(
            name='UnitSuccession',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('relation', models.CharField(choices=[('whole', 'whole'), ('part', 'part')], default='whole', max_length=8, verbose_name='relation')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('predecessor', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='succession_to', to='content.administrativeunit', verbose_name='predecessor')),
                ('successor', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='succession_from', to='content.administrativeunit', verbose_name='successor')),
            ],
            options={
                'verbose_name': 'unit succession',
                'verbose_name_plural': 'unit successions',
            },
        ),
        migrations.AddConstraint(
            model_name='unitsuccession',
            constraint=models.UniqueConstraint(fields=('predecessor', 'successor'), name='content_unitsuccession_unique'),
        ),
    ]
