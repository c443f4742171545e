"""A SoftHSM2 token (Debian's ``softhsm2``) holding a signer's key and certificate: the real PKCS#11
path without hardware, for tests and the demo.

SoftHSM reads ``SOFTHSM2_CONF`` once, when the module is first loaded in a process: set up one
token folder per process (``init_token`` sets the variable) before anything opens the module.
"""

import os
import shutil
import subprocess
from pathlib import Path

MODULE = "/usr/lib/softhsm/libsofthsm2.so"


def available() -> bool:
    return bool(shutil.which("softhsm2-util")) and Path(MODULE).exists()


def init_token(directory: Path, *, label: str, pin: str, so_pin: str = "5678910") -> Path:
    """Create a token store in ``directory`` and initialise a token; returns the config file."""
    directory = Path(directory)
    (directory / "tokens").mkdir(parents=True, exist_ok=True)
    conf = directory / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {directory / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    os.environ["SOFTHSM2_CONF"] = str(conf)
    subprocess.run(
        ["softhsm2-util", "--init-token", "--free", "--label", label, "--pin", pin, "--so-pin", so_pin],
        check=True,
        capture_output=True,
    )
    return conf


def import_key(directory: Path, *, token: str, pin: str, key_label: str, key_id: bytes, key, cert) -> None:
    """Put a private key (cryptography object) and its certificate on the token under one label."""
    import pkcs11
    from cryptography.hazmat.primitives import serialization
    from pkcs11 import Attribute, CertificateType, ObjectClass

    pem = Path(directory) / f"{key_label}.pem"
    pem.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    try:
        subprocess.run(
            ["softhsm2-util", "--import", str(pem), "--token", token, "--label", key_label,
             "--id", key_id.hex(), "--pin", pin],
            check=True,
            capture_output=True,
        )  # fmt: skip
    finally:
        pem.unlink()
    lib = pkcs11.lib(MODULE)
    with lib.get_token(token_label=token).open(rw=True, user_pin=pin) as session:
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: key_label,
                Attribute.ID: key_id,
                Attribute.SUBJECT: cert.subject.public_bytes(),
                Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER),
            }
        )
