#!/usr/bin/env python3
"""A throwaway PKI and PDFs signed by other software, for `sign --verify`
(issue 13), with what an independent validator (pyHanko) says of each.

    python3 pki.py DIR pki             certificates and .p12 files in DIR
    python3 pki.py DIR encrypt IN.pdf OUT.pdf
    python3 pki.py DIR validate FILE.pdf...   pyHanko's verdicts as JSON
    python3 pki.py DIR cases BASE.pdf BAOCAO_SIGNED.pdf
                                       signed PDFs in DIR/cases, and
                                       DIR/cases/ledger.json

The PKI is made with openssl: a root CA, an intermediate CA, and signers
under it (RSA with and without its chain in the .p12, EC P-256 and P-384,
expired, not yet valid, without the digitalSignature/nonRepudiation key
usage), a self-signed look-alike carrying the real signer's name, and a
look-alike issued by a fake CA with the intermediate's name and the real
signer's serial number (to swap into a signature).

The cases are signed with pyHanko, as other signing software would: EC
P-256/SHA-256, EC P-384/SHA-384, RSA/SHA-512, RSA-PSS; a file whose page
content is changed between two signatures; baocao's signature with its
certificate swapped for the look-alike; a signature whose CMS is broken.
ledger.json holds, per file and per signature (oldest first), pyHanko's
verdict against the root CA: intact, valid, trusted, modification level.
"""

import json
import os
import re
import subprocess
import sys

PASSWORD = "mat-khau"
SIGNER = "Nguyễn Văn An"
AGENCY = "Sở Khoa học và Công nghệ tỉnh Cà Mau"

CA_CONF = """
[ca]
default_ca = ca_here
[ca_here]
dir = {dir}
database = {dir}/index.txt
new_certs_dir = {dir}/issued
serial = {dir}/serial
default_md = sha256
policy = any_name
unique_subject = no
copy_extensions = none
email_in_dn = no
[any_name]
commonName = supplied
organizationName = optional
countryName = optional
[intermediate]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[signer]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[tsa]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[no_signing]
basicConstraints = critical, CA:FALSE
keyUsage = critical, keyEncipherment
[root]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
"""


def openssl(*args, cwd):
    done = subprocess.run(["openssl", *args], cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"openssl {' '.join(args)}: {done.stderr}")


def ca_dir(d, name):
    path = os.path.join(d, name)
    os.makedirs(os.path.join(path, "issued"), exist_ok=True)
    open(os.path.join(path, "index.txt"), "w").close()
    with open(os.path.join(path, "serial"), "w") as f:
        f.write("1000\n")
    with open(os.path.join(path, "ca.cnf"), "w") as f:
        f.write(CA_CONF.format(dir=path))
    return path


def key(d, name, kind):
    if kind == "rsa":
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", f"{name}.key", cwd=d)
    else:
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", f"ec_paramgen_curve:{kind}", "-out", f"{name}.key", cwd=d)


def issue(d, ca, ca_name, name, subject, ext, kind="rsa", start=None, end=None, serial=None):
    """A certificate for a new key `name`, issued by `ca_name` (its .crt and .key in d)."""
    key(d, name, kind)
    openssl("req", "-new", "-utf8", "-key", f"{name}.key", "-subj", subject, "-out", f"{name}.csr", cwd=d)
    if serial is not None:
        with open(os.path.join(ca, "serial"), "w") as f:
            f.write(f"{serial}\n")
    dates = ["-startdate", start or "20250101000000Z", "-enddate", end or "20351231235959Z"]
    openssl("ca", "-batch", "-utf8", "-notext", "-config", os.path.join(ca, "ca.cnf"), "-cert", f"{ca_name}.crt",
            "-keyfile", f"{ca_name}.key", "-in", f"{name}.csr", "-out", f"{name}.crt", "-extensions", ext,
            *dates, cwd=d)


def p12(d, name, chain):
    args = ["pkcs12", "-export", "-inkey", f"{name}.key", "-in", f"{name}.crt", "-out", f"{name}.p12",
            "-passout", f"pass:{PASSWORD}"]
    if chain:
        with open(os.path.join(d, f"{name}-chain.pem"), "w") as out:
            for c in chain:
                out.write(open(os.path.join(d, f"{c}.crt")).read())
        args += ["-certfile", f"{name}-chain.pem"]
    openssl(*args, cwd=d)


def pki(d):
    os.makedirs(d, exist_ok=True)
    root_ca = ca_dir(d, "root-ca")
    key(d, "root", "rsa")
    openssl("req", "-x509", "-new", "-utf8", "-key", "root.key", "-subj", "/C=VN/O=Thu nghiem/CN=Root CA thu nghiem",
            "-days", "3650", "-config", os.path.join(root_ca, "ca.cnf"), "-extensions", "root", "-out", "root.crt",
            cwd=d)
    issue(d, root_ca, "root", "inter", "/C=VN/O=Thu nghiem/CN=CA trung gian thu nghiem", "intermediate")
    inter_ca = ca_dir(d, "inter-ca")
    subject = f"/C=VN/O=Sở Khoa học và Công nghệ/CN={SIGNER}"
    issue(d, inter_ca, "inter", "rsa", subject, "signer")
    p12(d, "rsa", ["inter", "root"])
    # The agency's own certificate, for its signature after the signer's (issue 16).
    issue(d, inter_ca, "inter", "agency", f"/C=VN/O=UBND tỉnh Cà Mau/CN={AGENCY}", "signer")
    p12(d, "agency", ["inter", "root"])
    issue(d, inter_ca, "inter", "rsa-nochain", subject, "signer")
    p12(d, "rsa-nochain", [])
    issue(d, inter_ca, "inter", "ec256", subject, "signer", kind="P-256")
    p12(d, "ec256", ["inter", "root"])
    issue(d, inter_ca, "inter", "ec384", subject, "signer", kind="P-384")
    issue(d, inter_ca, "inter", "tsa", "/C=VN/O=Thu nghiem/CN=TSA thu nghiem", "tsa")
    issue(d, inter_ca, "inter", "expired", subject, "signer", start="20200101000000Z", end="20210101000000Z")
    p12(d, "expired", ["inter", "root"])
    issue(d, inter_ca, "inter", "future", subject, "signer", start="20990101000000Z", end="20991231000000Z")
    p12(d, "future", ["inter", "root"])
    issue(d, inter_ca, "inter", "no-signing", subject, "no_signing")
    p12(d, "no-signing", ["inter", "root"])
    # A self-signed certificate with the real signer's name.
    key(d, "lookalike", "rsa")
    openssl("req", "-x509", "-new", "-utf8", "-key", "lookalike.key", "-subj", subject, "-days", "365",
            "-out", "lookalike.crt", cwd=d)
    p12(d, "lookalike", [])
    # A fake CA named as the intermediate, issuing the real signer's serial number.
    fake_ca = ca_dir(d, "fake-ca")
    key(d, "fake-inter", "rsa")
    # The intermediate's name in the order `openssl ca` wrote it (its policy's).
    openssl("req", "-x509", "-new", "-utf8", "-key", "fake-inter.key", "-subj",
            "/CN=CA trung gian thu nghiem/O=Thu nghiem/C=VN", "-days", "365", "-config",
            os.path.join(fake_ca, "ca.cnf"), "-extensions", "root", "-out", "fake-inter.crt", cwd=d)
    real_serial = open(os.path.join(inter_ca, "index.txt")).read().split("\n")[0].split("\t")[3]
    issue(d, fake_ca, "fake-inter", "swapped", subject, "signer", serial=real_serial)


def byte_range(data):
    """The /ByteRange and /Contents hole of the last signature."""
    m = list(re.finditer(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", data))[-1]
    _, b, c, _ = (int(x) for x in m.groups())
    return b, c


def swap_certificate(signed, cert_path, out):
    from asn1crypto import cms, pem, x509
    data = bytearray(open(signed, "rb").read())
    b, c = byte_range(data)
    blob = bytes.fromhex(data[b + 1:c - 1].decode())
    info = cms.ContentInfo.load(blob, strict=False)
    raw = open(cert_path, "rb").read()
    if pem.detect(raw):
        raw = pem.unarmor(raw)[2]
    fake = x509.Certificate.load(raw)
    info["content"]["certificates"] = cms.CertificateSet([cms.CertificateChoices(name="certificate", value=fake)])
    new = info.dump(force=True).hex().upper().encode()
    hole = c - 1 - (b + 1)
    assert len(new) <= hole
    data[b + 1:c - 1] = new + b"0" * (hole - len(new))
    open(out, "wb").write(data)


def break_cms(signed, out):
    data = bytearray(open(signed, "rb").read())
    b, _ = byte_range(data)
    # Past the outer headers, inside the SignedData: the structure breaks.
    data[b + 1 + 40:b + 1 + 60] = b"F" * 20
    open(out, "wb").write(data)


def pyhanko_sign(d, src, out, signer, md, pss=False, field="ChuKyKhac"):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter
    chain = [os.path.join(d, "inter.crt"), os.path.join(d, "root.crt")]
    s = signers.SimpleSigner.load(os.path.join(d, f"{signer}.key"), os.path.join(d, f"{signer}.crt"),
                                  ca_chain_files=chain, prefer_pss=pss)
    with open(src, "rb") as f:
        w = IncrementalPdfFileWriter(f, strict=False)
        meta = signers.PdfSignatureMetadata(field_name=field, md_algorithm=md, subfilter=SigSeedSubFilter.PADES)
        with open(out, "wb") as o:
            signers.sign_pdf(w, meta, signer=s, output=o)


def change_content(src, out):
    """An incremental update that draws on page 1: real content, changed after signing."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    with open(src, "rb") as f:
        w = IncrementalPdfFileWriter(f, strict=False)
        ref = w.add_object(generic.StreamObject(stream_data=b"q 1 0 0 rg 50 50 200 40 re f Q"))
        w.add_stream_to_page(0, ref)
        with open(out, "wb") as o:
            w.write(o)


def doc_timestamp(d, src, out):
    """A document time-stamp (RFC 3161, /DocTimeStamp) over the whole file."""
    from pyhanko.keys import load_cert_from_pemder, load_private_key_from_pemder
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.timestamps import DummyTimeStamper
    from pyhanko_certvalidator.registry import SimpleCertificateStore
    tsa = DummyTimeStamper(
        tsa_cert=load_cert_from_pemder(os.path.join(d, "tsa.crt")),
        tsa_key=load_private_key_from_pemder(os.path.join(d, "tsa.key"), passphrase=None),
        certs_to_embed=SimpleCertificateStore.from_certs([load_cert_from_pemder(os.path.join(d, "inter.crt"))]),
    )
    with open(src, "rb") as f:
        w = IncrementalPdfFileWriter(f, strict=False)
        with open(out, "wb") as o:
            signers.PdfTimeStamper(tsa).timestamp_pdf(w, "sha256", output=o)


def indirect_form(src, out):
    """The form dictionary and its field list as objects of their own, as
    some PDF editors write them before anyone signs."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    with open(src, "rb") as f:
        w = IncrementalPdfFileWriter(f, strict=False)
        fields = w.add_object(generic.ArrayObject())
        form = w.add_object(generic.DictionaryObject({generic.NameObject("/Fields"): fields}))
        w.root[generic.NameObject("/AcroForm")] = form
        w.update_root()
        with open(out, "wb") as o:
            w.write(o)


def validate(d, path):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko_certvalidator import ValidationContext
    root = load_cert_from_pemder(os.path.join(d, "root.crt"))
    inter = load_cert_from_pemder(os.path.join(d, "inter.crt"))
    out = []
    with open(path, "rb") as f:
        reader = PdfFileReader(f, strict=False)
        try:
            sigs = reader.embedded_signatures
        except Exception as e:  # a signature whose CMS pyHanko cannot parse
            return [{"intact": False, "valid": False, "trusted": False, "error": type(e).__name__,
                     "modification": None, "coverage": None}]
        for sig in sigs:
            vc = ValidationContext(trust_roots=[root], other_certs=[inter], allow_fetching=False)
            try:
                if sig.sig_object_type == "/DocTimeStamp":
                    from pyhanko.sign.validation import validate_pdf_timestamp
                    st = validate_pdf_timestamp(sig, validation_context=vc)
                else:
                    tvc = ValidationContext(trust_roots=[root], other_certs=[inter], allow_fetching=False)
                    st = validate_pdf_signature(sig, signer_validation_context=vc, ts_validation_context=tvc)
                entry = {
                    "intact": bool(st.intact),
                    "valid": bool(st.valid),
                    "trusted": bool(st.trusted),
                    "modification": st.modification_level.name if st.modification_level is not None else None,
                    "coverage": st.coverage.name if st.coverage is not None else None,
                }
                # A signature time-stamp (PAdES B-T): pyHanko's view of it.
                ts = getattr(st, "timestamp_validity", None)
                if ts is not None:
                    entry["timestamp"] = {"intact": bool(ts.intact), "valid": bool(ts.valid),
                                          "trusted": bool(ts.trusted), "time": ts.timestamp.isoformat()}
                out.append(entry)
            except Exception as e:  # a signature pyHanko cannot even process
                out.append({"intact": False, "valid": False, "trusted": False, "error": type(e).__name__,
                            "modification": None, "coverage": None})
    return out


def cases(d, base, ours):
    out = os.path.join(d, "cases")
    os.makedirs(out, exist_ok=True)
    p = lambda name: os.path.join(out, name)  # noqa: E731
    pyhanko_sign(d, base, p("ec256-sha256.pdf"), "ec256", "sha256")
    pyhanko_sign(d, base, p("ec384-sha384.pdf"), "ec384", "sha384")
    pyhanko_sign(d, base, p("rsa-sha512.pdf"), "rsa", "sha512")
    pyhanko_sign(d, base, p("rsa-pss.pdf"), "rsa", "sha256", pss=True)
    # baocao's signature, page content drawn on, then a second signature.
    change_content(ours, p("sua-giua.tmp"))
    pyhanko_sign(d, p("sua-giua.tmp"), p("sua-giua-hai-chu-ky.pdf"), "ec256", "sha256")
    os.remove(p("sua-giua.tmp"))
    # baocao's signature, then a second one by other software: both hold.
    pyhanko_sign(d, ours, p("hai-chu-ky.pdf"), "ec384", "sha384")
    # Signed first by other software in a file whose form is an indirect object.
    indirect_form(base, p("form.tmp"))
    pyhanko_sign(d, p("form.tmp"), p("form-gian-tiep.pdf"), "ec256", "sha256")
    os.remove(p("form.tmp"))
    # baocao's signature, then a document time-stamp over it.
    doc_timestamp(d, ours, p("dau-thoi-gian.pdf"))
    swap_certificate(ours, os.path.join(d, "swapped.crt"), p("doi-chung-thu.pdf"))
    break_cms(ours, p("cms-hong.pdf"))
    ledger = {}
    for name in sorted(os.listdir(out)):
        if name.endswith(".pdf"):
            ledger[name] = validate(d, p(name))
    json.dump(ledger, open(p("ledger.json"), "w"), indent=1)


def encrypt(src, out):
    """The PDF with an owner password, as «protect» in a PDF editor makes it."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.pdf_utils.writer import copy_into_new_writer
    with open(src, "rb") as f:
        w = copy_into_new_writer(PdfFileReader(f, strict=False))
        w.encrypt("chu-so-huu", "")
        with open(out, "wb") as o:
            w.write(o)


def validate_files(d, paths):
    """pyHanko's verdicts on files signed elsewhere (by baocao), as JSON on stdout."""
    json.dump({os.path.basename(x): validate(d, x) for x in paths}, sys.stdout, indent=1)


if __name__ == "__main__":
    d, what = sys.argv[1], sys.argv[2]
    if what == "pki":
        pki(d)
    elif what == "cases":
        cases(d, sys.argv[3], sys.argv[4])
    elif what == "encrypt":
        encrypt(sys.argv[3], sys.argv[4])
    elif what == "validate":
        validate_files(d, sys.argv[3:])
    else:
        sys.exit(f"unknown step {what}")
