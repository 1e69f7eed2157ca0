"""Benchmark: importing 5,000 volunteers from a CSV as a coordinator would upload it.

    python -m tests.bench.import_volunteers
"""
from __future__ import annotations

import csv
import io
import os
import random
import tempfile
import time

os.environ.setdefault("KOPPEL_INSTANCE", tempfile.mkdtemp(prefix="koppel-bench-"))

from faker import Faker  # noqa: E402

from config import from_env  # noqa: E402
from matching.adapters.migrate import upgrade  # noqa: E402
from matching.bootstrap import bootstrap  # noqa: E402
from matching.domain import commands as c  # noqa: E402
from matching.scoring.postcodes import areas  # noqa: E402
from matching.services.importing import service  # noqa: E402

SLOTS = ["ma ochtend", "di middag", "wo avond", "do middag", "vrijdagavond", "weekend", "za ochtend"]
HOBBIES = ["wandelen", "koffie drinken", "film", "koken", "fietsen", "museum", "tuinieren", "spelletjes"]


def sheet(n: int) -> bytes:
    fake, rng = Faker("nl_NL"), random.Random(5)
    fake.seed_instance(5)
    codes = [a.postcode for a in areas().values() if a.province == "Utrecht"]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["Voornaam", "Achternaam", "E-mail", "Telefoon", "Postcode", "Hobby's", "Beschikbaarheid",
                     "Status", "VOG datum"])
    for i in range(n):
        writer.writerow([fake.first_name(), fake.last_name(), f"vrijwilliger{i}@example.org", f"06{rng.randint(10**7, 10**8 - 1)}",
                         rng.choice(codes), ", ".join(rng.sample(HOBBIES, 3)), ", ".join(rng.sample(SLOTS, 2)),
                         "actief", f"{rng.randint(1, 28):02d}-{rng.randint(1, 12):02d}-2024"])
    return out.getvalue().encode()


def main() -> None:
    settings = from_env()
    upgrade(settings.database_url)
    bus = bootstrap(settings, publish=None)
    org = bus.handle(c.CreateOrganization(f"import{random.randint(0, 10**6)}", "Import"))
    content = sheet(5000)
    start = time.perf_counter()
    _, outcomes = service.import_file(bus, org, "volunteers", "vrijwilligers.csv", content)
    took = time.perf_counter() - start
    print(f"import of 5,000 volunteers ({settings.database_url.split(':')[0]}): {took:.1f} s, {service.summary(outcomes)}")
    start = time.perf_counter()
    _, again = service.import_file(bus, org, "volunteers", "vrijwilligers.csv", content)
    print(f"the same file again: {time.perf_counter() - start:.1f} s, {service.summary(again)}")


if __name__ == "__main__":
    main()
