"""PAdES signatures on decisions (pyHanko), and the demo's own certificate authority.

Production: a PKCS#12 file issued to the signing authority, named by
DECISION_SIGNING_P12_PATH / DECISION_SIGNING_P12_PASSWORD, and the trust
anchor for verification in DECISION_TRUST_ROOT. The demo generates a test CA
and signer at seed time: such signatures prove integrity, not legal identity.
"""

import datetime
import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings


def ensure_demo_signing_certificate(
    directory: Path, password: str = "demo-signing"
) -> tuple[Path, str, Path]:
    """Create (once) a test CA and a signer certificate; returns (p12, password, CA cert)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    directory = Path(directory)
    p12_path, ca_path = directory / "signer.p12", directory / "ca.pem"
    if p12_path.exists() and ca_path.exists():
        return p12_path, password, ca_path
    directory.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.UTC)

    def name(common):
        return x509.Name(
            [
                x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "UBND tỉnh (thử nghiệm)"),
                x509.NameAttribute(NameOID.COMMON_NAME, common),
            ]
        )

    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = name("CA thử nghiệm – Thi đua Khen thưởng")
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, True, True, False, False), critical=True
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name("Ủy ban nhân dân tỉnh (ký số thử nghiệm)"))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1825))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    p12_path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"signer", key, cert, [ca_cert], serialization.BestAvailableEncryption(password.encode())
        )
    )
    ca_path.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    return p12_path, password, ca_path


def signing_material() -> tuple[Path, str, Path]:
    """The configured certificate, or the demo's (created on first use) when none is set."""
    p12 = getattr(settings, "DECISION_SIGNING_P12_PATH", "")
    if p12:
        return Path(p12), settings.DECISION_SIGNING_P12_PASSWORD, Path(settings.DECISION_TRUST_ROOT)
    return ensure_demo_signing_certificate(Path(settings.DECISION_SIGNING_DEMO_DIR))


def sign_pdf(data: bytes, *, reason: str, location: str) -> bytes:
    """Apply a PAdES baseline signature to the PDF bytes."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    p12, password, _ca = signing_material()
    signer = signers.SimpleSigner.load_pkcs12(pfx_file=str(p12), passphrase=password.encode())
    meta = signers.PdfSignatureMetadata(
        field_name="ChuKySo",
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location,
    )
    out = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(data)), meta, signer=signer)
    return out.getvalue()


@dataclass
class Verification:
    valid: bool
    signer: str = ""
    signed_at: datetime.datetime | None = None
    reason: str = ""


def verify_pdf(data: bytes) -> Verification:
    """Valid only if the file is intact and signed by a certificate our trust root issued."""
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    _p12, _password, ca = signing_material()
    try:
        reader = PdfFileReader(io.BytesIO(data))
        signatures = reader.embedded_signatures
        if not signatures:
            return Verification(False, reason="no signature")
        status = validate_pdf_signature(
            signatures[-1],
            ValidationContext(trust_roots=[load_cert_from_pemder(str(ca))], allow_fetching=False),
        )
    except Exception as exc:  # a damaged file is simply not valid
        return Verification(False, reason=type(exc).__name__)
    if not (status.intact and status.valid and status.trusted):
        return Verification(False, reason="invalid")
    if status.coverage is None or status.coverage.name != "ENTIRE_FILE":
        return Verification(False, reason="partial coverage")
    return Verification(
        True,
        signer=status.signing_cert.subject.native.get("common_name", ""),
        signed_at=status.signer_reported_dt,
    )
