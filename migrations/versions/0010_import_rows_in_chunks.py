"""an upload's rows in chunks of their own table, not one JSON value on the import job

Uploads still waiting move over job by job; one with more rows than the importer now reads (20,000)
is expired instead, as the retention run would do a week later, so this migration never loads it.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26 10:00:00
"""
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa
import matching.adapters.orm


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

CHUNK = 500
MAX_ROWS = 20_000
WAITING = ("mapping", "queued", "running")
jobs = sa.table("import_jobs", sa.column("id", sa.String), sa.column("status", sa.String),
                sa.column("total", sa.Integer), sa.column("rows", sa.JSON),
                sa.column("finished_at", matching.adapters.orm.UtcDateTime()))
chunks = sa.table("import_rows", sa.column("import_id", sa.String), sa.column("chunk", sa.Integer),
                  sa.column("rows", sa.JSON))


def upgrade() -> None:
    op.create_table('import_rows',
    sa.Column('import_id', sa.String(length=36), nullable=False),
    sa.Column('chunk', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('rows', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['import_id'], ['import_jobs.id'], name=op.f('fk_import_rows_import_id_import_jobs'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('import_id', 'chunk', name=op.f('pk_import_rows'))
    )
    connection = op.get_bind()
    waiting = connection.execute(sa.select(jobs.c.id, jobs.c.total).where(jobs.c.status.in_(WAITING))).all()
    for job_id, total in waiting:
        if total > MAX_ROWS:
            connection.execute(jobs.update().where(jobs.c.id == job_id).values(
                status="expired", finished_at=datetime.now(timezone.utc)))
            continue
        rows = connection.execute(sa.select(jobs.c.rows).where(jobs.c.id == job_id)).scalar_one() or []
        for number, start in enumerate(range(0, len(rows), CHUNK)):
            connection.execute(chunks.insert().values(import_id=job_id, chunk=number, rows=rows[start: start + CHUNK]))
    with op.batch_alter_table('import_jobs', schema=None) as batch_op:
        batch_op.drop_column('rows')


def downgrade() -> None:
    with op.batch_alter_table('import_jobs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rows', sa.JSON(), nullable=True))
    connection = op.get_bind()
    for (job_id,) in connection.execute(sa.select(jobs.c.id)).all():
        parts = connection.execute(sa.select(chunks.c.rows).where(chunks.c.import_id == job_id)
                                   .order_by(chunks.c.chunk)).scalars().all()
        connection.execute(jobs.update().where(jobs.c.id == job_id).values(rows=[r for part in parts for r in part]))
    with op.batch_alter_table('import_jobs', schema=None) as batch_op:
        batch_op.alter_column('rows', existing_type=sa.JSON(), nullable=False)
    op.drop_table('import_rows')
