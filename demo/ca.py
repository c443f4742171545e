"""The demo's own certificate authority: its root and CRL, signers' file keys, a time-stamping authority.

None of it has legal weight: it lets the demo and the tests sign and verify without a token. The
product's signer (``nominations.publishing.signing``) never imports this module; the demo app
registers ``DemoKeys`` as its key provider (``DemoConfig.ready``), which the signer asks only where
``SIGNING_ALLOW_DEMO_KEYS`` is on. Everything lives under ``DECISION_SIGNING_DEMO_DIR``.
"""

import datetime
import hashlib
import shutil
from pathlib import Path

from django.conf import settings

from .signing import ensure_signer_keys

DEMO_CRL_URL = "http://ca.demo.tdkt.invalid/demo-ca.crl"
PASSPHRASE = b"demo"  # of every demo PKCS#12 file


def _demo_dir() -> Path:
    return Path(settings.DECISION_SIGNING_DEMO_DIR)


# The demo's certificates and CRL are valid from a fixed day long past: the demo's year is signed on
# its own dates (demo/year.py, under a moved clock), and a signature is checked against
# the certificate's validity and the CRL in force then.
DEMO_VALID_FROM = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)


def _name(common: str, organisation: str = "", title: str = ""):
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if organisation:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation[:64]))
    if title:
        attrs.append(x509.NameAttribute(NameOID.TITLE, title[:64]))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, common[:64]))
    return x509.Name(attrs)


def demo_ca(directory: Path | None = None):
    """The demo root (created once): ``(key, certificate)`` as cryptography objects; its CRL is
    kept fresh in ``<dir>/crl/``."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    directory = Path(directory or _demo_dir())
    key_path, cert_path = directory / "ca.key", directory / "trust" / "demo-ca.pem"
    now = datetime.datetime.now(datetime.UTC)
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes()) if cert_path.exists() else None
    if cert is not None and cert.not_valid_before_utc > DEMO_VALID_FROM + datetime.timedelta(days=1):
        # Made before the demo material was back-dated: start the demo's keys afresh.
        for stale in ("ca.key", "tsa.key", "tsa.pem", "keys", "crl", "trust"):
            path = directory / stale
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
        cert = None
    if cert is not None and key_path.exists():
        key = _loaded_key(key_path)
    else:
        (directory / "trust").mkdir(parents=True, exist_ok=True)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        name = _name("CA thử nghiệm – Thi đua Khen thưởng", "Hệ thống TĐKT (thử nghiệm)")
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(DEMO_VALID_FROM)
            .not_valid_after(now + datetime.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(True, False, False, False, False, True, True, False, False), critical=True
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256())
        )
        key_path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    crl_path = directory / "crl" / "demo-ca.crl"
    if not crl_path.exists() or _crl_outdated(crl_path, now):
        _write_crl(directory, key, cert)
    return key, cert


_LOADED_KEYS: dict = {}


def _loaded_key(path: Path):
    """The CA's private key, parsed once per file version: loading checks the RSA key, a tenth of a
    second that every signature paid twice (the trust list and the CRL ask for the CA)."""
    from cryptography.hazmat.primitives import serialization

    stat = path.stat()
    version = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    known = _LOADED_KEYS.get(str(path))
    if known is None or known[0] != version:  # a new CA in that folder is read afresh
        known = _LOADED_KEYS[str(path)] = (
            version,
            serialization.load_pem_private_key(path.read_bytes(), None),
        )
    return known[1]


def _crl_outdated(path: Path, now) -> bool:
    """Written by older code, or its next update within a year."""
    from cryptography import x509

    crl = x509.load_der_x509_crl(path.read_bytes())
    return crl.last_update_utc > DEMO_VALID_FROM or crl.next_update_utc < now + datetime.timedelta(days=365)


def _write_crl(directory: Path, key, cert) -> None:
    """The demo CA's CRL (serials listed in ``crl/revoked.txt`` are revoked), valid two years either side."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization

    now = datetime.datetime.now(datetime.UTC)
    folder = directory / "crl"
    folder.mkdir(parents=True, exist_ok=True)
    listed = folder / "revoked.txt"
    serials = [int(v) for v in listed.read_text().split()] if listed.exists() else []
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(cert.subject)
        # In force from the demo's first day, so that a signature dated in the demo's year is checked
        # against a list in force then; revocations keep their own date.
        .last_update(DEMO_VALID_FROM)
        .next_update(now + datetime.timedelta(days=3650))
        .add_extension(x509.CRLNumber(int(now.timestamp() * 1000)), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()), critical=False)
    )
    for serial in serials:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(serial)
            .revocation_date(now - datetime.timedelta(minutes=1))
            .build()
        )
    (folder / "demo-ca.crl").write_bytes(
        builder.sign(key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)
    )


def demo_revoke(cert) -> None:
    """Revoke a certificate the demo CA issued (its next CRL lists it): tests and drills."""
    key, ca_cert = demo_ca()
    listed = _demo_dir() / "crl" / "revoked.txt"
    listed.parent.mkdir(parents=True, exist_ok=True)
    with listed.open("a") as handle:
        handle.write(f"{cert.serial_number}\n")
    _write_crl(_demo_dir(), key, ca_cert)


def issue_certificate(
    ca_key,
    ca_cert,
    *,
    common_name: str,
    organisation: str = "",
    title: str = "",
    key=None,
    valid_days: int = 1825,
):
    """A signing certificate naming a person (or an organisation) under ``ca_cert``: ``(key, cert)``."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID

    key = key or rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, organisation, title))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(
            DEMO_VALID_FROM if valid_days > 0 else now - datetime.timedelta(days=1 - valid_days * 2)
        )
        .not_valid_after(now + datetime.timedelta(days=valid_days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .add_extension(  # where its CRL is published (the demo's is read from the cache folder)
            x509.CRLDistributionPoints(
                [
                    x509.DistributionPoint(
                        full_name=[x509.UniformResourceIdentifier(DEMO_CRL_URL)],
                        relative_name=None,
                        reasons=None,
                        crl_issuer=None,
                    )
                ]
            ),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    return key, cert


def _demo_tsa():
    """The demo's time-stamping authority (in-process, under the demo CA), created once."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    ca_key, ca_cert = demo_ca()
    key_path, cert_path = _demo_dir() / "tsa.key", _demo_dir() / "tsa.pem"
    if not (key_path.exists() and cert_path.exists()):
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        now = datetime.datetime.now(datetime.UTC)
        cert = (
            x509.CertificateBuilder()
            .subject_name(_name("TSA thử nghiệm – Thi đua Khen thưởng", "Hệ thống TĐKT (thử nghiệm)"))
            .issuer_name(ca_cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(DEMO_VALID_FROM)
            .not_valid_after(now + datetime.timedelta(days=3000))
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
            )
            .sign(ca_key, hashes.SHA256())
        )
        key_path.write_bytes(
            key.private_bytes(
                serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.DER))
    ca = asn1_x509.Certificate.load(ca_cert.public_bytes(serialization.Encoding.DER))
    return DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(cert_path.read_bytes()),
        tsa_key=asn1_keys.PrivateKeyInfo.load(key_path.read_bytes()),
        certs_to_embed=[ca],
    )


def timestamper():
    """The signature time-stamp (PAdES B-T, with the embedded validation data B-LT): the
    province's TSA at ``SIGNING_TSA_URL``, or the demo's in-process one; none otherwise."""
    url = getattr(settings, "SIGNING_TSA_URL", "")
    if url:
        from pyhanko.sign.timestamps import HTTPTimeStamper

        return HTTPTimeStamper(url)
    if settings.SIGNING_ALLOW_DEMO_KEYS:
        return _demo_tsa()
    return None


def demo_key_file(*, common_name: str, organisation: str = "", title: str = "") -> Path:
    """A PKCS#12 file (password "demo") for this name under the demo CA, created on first use."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    digest = hashlib.sha256(f"{common_name}|{organisation}|{title}".encode()).hexdigest()[:20]
    path = _demo_dir() / "keys" / f"{digest}.p12"
    if path.exists():
        return path
    ca_key, ca_cert = demo_ca()
    key, cert = issue_certificate(
        ca_key, ca_cert, common_name=common_name, organisation=organisation, title=title
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"signer", key, cert, [ca_cert], serialization.BestAvailableEncryption(PASSPHRASE)
        )
    )
    return path


def signing_material() -> Path:
    """Where demo keys are allowed: the demo CA (and its CRL), and a demo file key for every
    signer who has no signing method yet (the seed's signers). Returns the demo folder."""
    if settings.SIGNING_ALLOW_DEMO_KEYS:
        demo_ca()
        ensure_signer_keys()
    return _demo_dir()


class DemoKeys:
    """The signer's key provider for the demo: the demo CA as the trust list (when no folder is
    configured), its CRL, its time-stamping authority, and a file key per name."""

    passphrase = PASSPHRASE

    def trust_dir(self) -> Path:
        demo_ca()
        return _demo_dir() / "trust"

    def crl_dir(self) -> Path:
        return _demo_dir() / "crl"

    def timestamper(self):
        return _demo_tsa()

    def file_key(self, *, common_name: str, organisation: str = "", title: str = "") -> Path:
        return demo_key_file(common_name=common_name, organisation=organisation, title=title)
