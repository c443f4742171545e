"""PAdES signatures with legal weight (Decree 30/2020/NĐ-CP), and their verification.

A document carries two signatures:

1. the signer's own (the leader's or the unit head's official-duty certificate, on a
   PKCS#11 token or at a remote-signing service): a *certifying* signature whose DocMDP
   permissions allow filling forms and signing, over a document whose number and date
   are empty form fields;
2. the organisation's, applied by the văn thư at issuance as an incremental update: the
   number and date fields are filled, and the organisation's certificate signs, shown as
   the seal's image over the left third of the signer's signature.

Both embed their validation data (certificates and cached CRLs: PAdES B-LT).

Keys: ``SigningMethod`` rows (``nominations.models.signing``) name a token (module, token
label, key label, PIN from an environment variable or typed at signing), a remote service
(adapter URL and credential) or — only where ``SIGNING_ALLOW_DEMO_KEYS`` is on — a file key
from the registered key provider (the demo app's own certificate authority, ``demo.ca``). The
certificate must name the person (or the organisation): another person's token is refused.

Trust: every certificate file in ``SIGNING_TRUST_DIR`` is a root; CRLs in ``SIGNING_CRL_DIR``
are used offline. Without a trust folder, the key provider's root (the demo CA) is the only one.
"""

import asyncio
import base64
import datetime
import hashlib
import io
import json
import os
import unicodedata
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils.translation import gettext as _

FIELD_SIGNER = "ChuKyNguoiKy"
FIELD_ORGANISATION = "ChuKyCoQuan"
FIELD_NUMBER = "SoKyHieu"
FIELD_DATE = "DiaDanhNgayThang"
FIELD_QR = "MaQRXacThuc"
FIELD_ANNEX = "KemTheoVanBan"  # the annex's "(Kèm theo Quyết định số … ngày …" line
FONT = Path(__file__).resolve().parent / "fonts" / "LiberationSerif-Regular.ttf"
FONT_ITALIC = Path(__file__).resolve().parent / "fonts" / "LiberationSerif-Italic.ttf"
FONT_BOLD = Path(__file__).resolve().parent / "fonts" / "LiberationSerif-Bold.ttf"
VN_TZ = datetime.timezone(datetime.timedelta(hours=7))


class SigningRefused(Exception):
    """The signature cannot be made (no method, wrong person, token or service error, untrusted)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- key material an installed app provides (the demo's CA) -----------------------------


class KeyProvider(Protocol):
    """Key material beyond the configured tokens, services and folders: file keys, a trust list
    and CRLs, a time-stamping authority. The demo app registers one (``demo.ca.DemoKeys``); it is
    asked only where ``SIGNING_ALLOW_DEMO_KEYS`` is on, never in production."""

    passphrase: bytes  # of the PKCS#12 files ``file_key`` returns

    def trust_dir(self) -> Path | None: ...

    def crl_dir(self) -> Path | None: ...

    def timestamper(self): ...

    def file_key(self, *, common_name: str, organisation: str = "", title: str = "") -> Path: ...


_providers: list[KeyProvider] = []


def register_key_provider(provider: KeyProvider) -> None:
    """Called once by an app's ``ready()``; the last one registered is used."""
    _providers.append(provider)


def key_provider() -> KeyProvider | None:
    """The registered provider where file keys are allowed; ``None`` otherwise (production)."""
    if not settings.SIGNING_ALLOW_DEMO_KEYS or not _providers:
        return None
    return _providers[-1]


def timestamper():
    """The signature time-stamp (PAdES B-T, with the embedded validation data B-LT): the
    province's TSA at ``SIGNING_TSA_URL``, or the key provider's (the demo's in-process one);
    none otherwise."""
    url = getattr(settings, "SIGNING_TSA_URL", "")
    if url:
        from pyhanko.sign.timestamps import HTTPTimeStamper

        return HTTPTimeStamper(url)
    provider = key_provider()
    return provider.timestamper() if provider is not None else None


# --- trust --------------------------------------------------------------------------


def _trust_dir() -> Path | None:
    configured = getattr(settings, "SIGNING_TRUST_DIR", "")
    if configured:
        return Path(configured)
    provider = key_provider()
    return provider.trust_dir() if provider is not None else None


def _crl_dirs() -> list[Path]:
    dirs = []
    if getattr(settings, "SIGNING_CRL_DIR", ""):
        dirs.append(Path(settings.SIGNING_CRL_DIR))
    provider = key_provider()
    if provider is not None and provider.crl_dir() is not None:
        dirs.append(provider.crl_dir())
    return dirs


def trust_roots() -> list:
    """The configured roots (asn1crypto certificates), PEM or DER, one or more per file."""
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509

    folder = _trust_dir()
    roots = []
    if folder is None or not folder.is_dir():
        return roots
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in {".pem", ".crt", ".cer", ".der"}:
            continue
        data = path.read_bytes()
        if pem.detect(data):
            roots += [asn1_x509.Certificate.load(der) for _t, _h, der in pem.unarmor(data, multiple=True)]
        else:
            roots.append(asn1_x509.Certificate.load(data))
    return roots


def cached_crls() -> list[bytes]:
    out = []
    for folder in _crl_dirs():
        if folder.is_dir():
            out += [p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix.lower() in {".crl", ".der"}]
    return out


def validation_context(**extra):
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(
        trust_roots=trust_roots(),
        crls=cached_crls(),
        allow_fetching=False,
        revocation_mode="soft-fail",
        **extra,
    )


# --- who a certificate names ----------------------------------------------------------


def _norm(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value or "").casefold().split())


def certificate_names(cert) -> dict:
    """``common_name``, ``organization_name``, ``title`` of an asn1crypto certificate's subject."""
    subject = cert.subject.native
    return {
        "common_name": subject.get("common_name", ""),
        "organization_name": subject.get("organization_name", ""),
        "title": subject.get("title", ""),
    }


def check_names(cert, *, person: str = "", organisation: str = "") -> None:
    """The certificate must name this person (or, for an organisation's key, this organisation)."""
    names = certificate_names(cert)
    if person and _norm(names["common_name"]) != _norm(person):
        raise SigningRefused(
            _(
                "Chứng thư số trên thiết bị ký là của “%(cert)s”, không phải của người ký %(person)s: không ký được bằng khóa của người khác."
            )
            % {"cert": names["common_name"], "person": person}
        )
    if organisation and _norm(organisation) not in {
        _norm(names["common_name"]),
        _norm(names["organization_name"]),
    }:
        raise SigningRefused(
            _("Chứng thư số của cơ quan là của “%(cert)s”, không phải của %(org)s.")
            % {"cert": names["common_name"] or names["organization_name"], "org": organisation}
        )


# --- where the signatures and fields go ------------------------------------------------


@dataclass
class Layout:
    """Rectangles (page index, (x1, y1, x2, y2) in points) recorded while the PDF is laid out."""

    rects: dict = field(default_factory=dict)

    def place(self, name: str, page: int, rect: tuple) -> None:
        self.rects[name] = (page, tuple(round(v, 2) for v in rect))


def _text_field(writer, name: str, page: int, rect) -> None:
    """An empty single-line text field (number, date) the certifying signature allows filling."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name, pdf_string

    page_ref, _resources = writer.find_page_for_modification(page)
    widget = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/Widget"),
            pdf_name("/FT"): pdf_name("/Tx"),
            pdf_name("/T"): pdf_string(name),
            pdf_name("/F"): generic.NumberObject(4),
            pdf_name("/Ff"): generic.NumberObject(0),
            pdf_name("/Rect"): generic.ArrayObject([generic.FloatObject(v) for v in rect]),
            pdf_name("/P"): page_ref,
            pdf_name("/DA"): pdf_string("/Helv 12 Tf 0 g"),
            pdf_name("/V"): pdf_string(""),
        }
    )
    ref = writer.add_object(widget)
    page_obj = page_ref.get_object()
    annots = page_obj.get("/Annots")
    if annots is None:
        page_obj[pdf_name("/Annots")] = generic.ArrayObject([ref])
    else:
        annots.get_object().append(ref)
        if isinstance(annots, generic.IndirectObject):
            writer.mark_update(annots)
    writer.update_container(page_obj)
    form = writer.root["/AcroForm"]
    form["/Fields"].append(ref)
    writer.update_container(form)


def _font_1000(path: Path) -> Path:
    """The font scaled to 1000 units per em, as pyHanko's glyph widths expect (Liberation has 2048),
    without FontForge's timestamp table (FFTM), which fontTools' subsetter cannot subset: it
    dropped it with a warning at every signature, in the demo's console and the benchmark's output."""
    import tempfile

    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    out = Path(tempfile.gettempdir()) / "tdkt-fonts" / f"{path.stem}-1000-noFFTM.ttf"
    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        font = TTFont(str(path))
        if "FFTM" in font:
            del font["FFTM"]
        scale_upem(font, 1000)
        partial = out.with_suffix(f".{os.getpid()}.tmp")
        font.save(str(partial))
        partial.replace(out)
    return out


def _stamp_font(path: Path, size: int):
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory

    return GlyphAccumulatorFactory(str(_font_1000(path)), font_size=size)


def _fill_text_field(writer, name: str, value: str, *, italic: bool = False) -> None:
    """Set the field's value and draw it (an embedded serif font: "Số: 12/QĐ-UBND")."""
    from pyhanko.pdf_utils import generic, layout
    from pyhanko.pdf_utils.generic import pdf_name, pdf_string
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStamp, TextStampStyle

    form = writer.root["/AcroForm"]
    for ref in form["/Fields"]:
        widget = ref.get_object()
        if widget.get("/T") != name:
            continue
        x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
        style = TextStampStyle(
            stamp_text="%(value)s",
            border_width=0,
            text_box_style=TextBoxStyle(
                font=_stamp_font(FONT_ITALIC if italic else FONT, 13),
                font_size=13,
                box_layout_rule=layout.SimpleBoxLayoutRule(
                    x_align=layout.AxisAlignment.ALIGN_MID,
                    y_align=layout.AxisAlignment.ALIGN_MID,
                    margins=layout.Margins.uniform(1),
                ),
            ),
            inner_content_layout=layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MID, y_align=layout.AxisAlignment.ALIGN_MID
            ),
        )
        stamp = TextStamp(
            writer,
            style,
            text_params={"value": value},
            box=layout.BoxConstraints(width=x2 - x1, height=y2 - y1),
        )
        appearance = writer.add_object(stamp.as_form_xobject())
        widget[pdf_name("/V")] = pdf_string(value)
        widget[pdf_name("/AP")] = generic.DictionaryObject({pdf_name("/N"): appearance})
        writer.update_container(widget)
        return
    raise SigningRefused(_("Văn bản đã ký không có ô %(name)s để ghi.") % {"name": name})


def _fill_qr_field(writer, name: str, url: str) -> None:
    """The QR code of the verification page for the document's number, drawn as the field's
    appearance (vector squares); the field's value is the address."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name, pdf_string
    from reportlab.graphics.barcode import qrencoder

    widget = _field(writer, name)
    if widget is None:
        return  # a document signed before the field existed
    x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
    size = min(x2 - x1, y2 - y1)
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(url)
    qr.make()
    count = qr.getModuleCount()
    cell = size / (count + 2)  # a quiet zone of one module
    squares = [
        f"{(c + 1) * cell:.3f} {size - (r + 2) * cell:.3f} {cell:.3f} {cell:.3f} re"
        for r in range(count)
        for c in range(count)
        if qr.isDark(r, c)
    ]
    stream = generic.StreamObject(
        {
            pdf_name("/Type"): pdf_name("/XObject"),
            pdf_name("/Subtype"): pdf_name("/Form"),
            pdf_name("/BBox"): generic.ArrayObject([generic.FloatObject(v) for v in (0, 0, size, size)]),
        },
        stream_data=("0 g\n" + "\n".join(squares) + "\nf\n").encode(),
    )
    widget[pdf_name("/V")] = pdf_string(url)
    widget[pdf_name("/AP")] = generic.DictionaryObject({pdf_name("/N"): writer.add_object(stream)})
    writer.update_container(widget)


def _field(writer, name: str):
    for ref in writer.root["/AcroForm"]["/Fields"]:
        widget = ref.get_object()
        if widget.get("/T") == name:
            return widget
    return None


def seal_image(name: str):
    """The seal's image (red, transparent background) when no scanned seal is configured."""
    from PIL import Image, ImageDraw, ImageFont

    size = 420
    image = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    red = (210, 20, 30, 255)
    draw.ellipse((6, 6, size - 6, size - 6), outline=red, width=12)
    draw.ellipse((46, 46, size - 46, size - 46), outline=red, width=5)
    star = [(210, 120), (228, 175), (285, 175), (239, 208), (256, 262), (210, 230), (164, 262), (181, 208),
            (135, 175), (192, 175)]  # fmt: skip
    draw.polygon(star, fill=red)
    font = ImageFont.truetype(str(FONT_BOLD), 26)
    words, lines, line = name.upper().split(), [], ""
    for word in words:
        if len(line) + len(word) > 18 and line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    y = 275
    for text in lines[:3]:
        width = draw.textlength(text, font=font)
        draw.text(((size - width) / 2, y), text, fill=red, font=font)
        y += 30
    return image


# --- signers --------------------------------------------------------------------------


@dataclass
class KeySpec:
    """What a ``SigningMethod`` row says, detached from the ORM (publishing stays model-free)."""

    kind: str  # "pkcs11" | "remote" | "demo"
    module_path: str = ""
    token_label: str = ""
    key_label: str = ""
    pin_env: str = ""
    service_url: str = ""
    credential_id: str = ""
    secret_env: str = ""
    seal_path: str = ""


@dataclass
class Identity:
    """Who must be named by the certificate, and the text shown in the signature's appearance."""

    person: str = ""  # the person's full name (their own signature)
    organisation: str = ""  # the organisation's name
    title: str = ""


@contextmanager
def _local_signer(spec: KeySpec, identity: Identity, pin: str | None):
    from pyhanko.sign import signers

    if spec.kind == "demo":
        provider = key_provider()
        if provider is None:
            raise SigningRefused(_("Khóa tệp thử nghiệm không được dùng ở hệ thống thật."))
        path = Path(spec.key_label) if spec.key_label else None
        if path is None or not path.exists():
            path = provider.file_key(
                common_name=identity.person or identity.organisation,
                organisation=identity.organisation,
                title=identity.title,
            )
        yield signers.SimpleSigner.load_pkcs12(pfx_file=str(path), passphrase=provider.passphrase)
        return
    if spec.kind != "pkcs11":
        raise SigningRefused(_("Phương thức ký số không hợp lệ."))
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

    pin = (os.environ.get(spec.pin_env, "") if spec.pin_env else "") or pin
    if not pin:
        raise SigningRefused(_("Cần nhập mã PIN của thiết bị ký số."))
    try:
        session = open_pkcs11_session(
            spec.module_path, token_criteria=TokenCriteria(label=spec.token_label), user_pin=pin
        )
    except Exception as exc:
        raise SigningRefused(
            _("Không mở được thiết bị ký số “%(token)s” (sai mã PIN hoặc chưa cắm thiết bị): %(error)s")
            % {"token": spec.token_label, "error": exc}
        ) from exc
    try:
        signer = PKCS11Signer(session, cert_label=spec.key_label, key_label=spec.key_label)
        try:
            signer.signing_cert  # noqa: B018 — loads the certificate from the token now
        except Exception as exc:
            raise SigningRefused(
                _("Không tìm thấy khóa “%(key)s” trên thiết bị ký số.") % {"key": spec.key_label}
            ) from exc
        yield signer
    finally:
        session.close()


class RemoteService:
    """The adapter's protocol (JSON over HTTPS), which a province's service wraps:

    ``GET  {url}/certificate?credential=ID``  -> ``{"certificate": PEM, "chain": [PEM, …]}``
    ``POST {url}/sign`` ``{"credential", "hash_algorithm": "sha256", "hash": b64}`` -> ``{"signature": b64}``

    (a PKCS#1 v1.5 signature of the given digest). The bearer secret is read from the
    environment variable the method names.
    """

    def __init__(self, spec: KeySpec):
        self.url = spec.service_url.rstrip("/")
        self.credential = spec.credential_id
        self.secret = os.environ.get(spec.secret_env, "") if spec.secret_env else ""

    def _call(self, path: str, body: dict | None = None) -> dict:
        request = urllib.request.Request(
            self.url + path,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )
        if self.secret:
            request.add_header("Authorization", f"Bearer {self.secret}")
        try:
            with urllib.request.urlopen(request, timeout=settings.SIGNING_REMOTE_TIMEOUT) as response:
                return json.loads(response.read())
        except Exception as exc:
            raise SigningRefused(
                _("Dịch vụ ký số từ xa không trả lời hoặc từ chối ký: %(error)s") % {"error": exc}
            ) from exc

    def certificates(self):
        from urllib.parse import quote

        from asn1crypto import pem
        from asn1crypto import x509 as asn1_x509

        answer = self._call(f"/certificate?credential={quote(self.credential)}")

        def load(text):
            data = text.encode()
            return asn1_x509.Certificate.load(
                pem.unarmor(data)[2] if pem.detect(data) else base64.b64decode(data)
            )

        return load(answer["certificate"]), [load(c) for c in answer.get("chain", [])]

    def sign_digest(self, digest: bytes) -> bytes:
        answer = self._call(
            "/sign",
            {
                "credential": self.credential,
                "hash_algorithm": "sha256",
                "hash": base64.b64encode(digest).decode(),
            },
        )
        return base64.b64decode(answer["signature"])


def _check(cert, identity: Identity, chain=()) -> None:
    """A person's signature must name the person; the organisation's, the organisation. And the
    certificate must be valid now: chained to the trust list, in its validity period, not revoked
    (the cached CRLs)."""
    from pyhanko_certvalidator import CertificateValidator
    from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError

    if identity.person:
        check_names(cert, person=identity.person)
    else:
        check_names(cert, organisation=identity.organisation)
    validator = CertificateValidator(
        cert, intermediate_certs=list(chain), validation_context=validation_context()
    )
    try:
        asyncio.run(validator.async_validate_usage({"non_repudiation"}))
    except (PathBuildingError, PathValidationError) as exc:
        _refuse_untrusted(exc)


def _metadata(*, field_name: str, reason: str, location: str, certify: bool):
    from pyhanko.sign import fields, signers

    return signers.PdfSignatureMetadata(
        field_name=field_name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location,
        certify=certify,
        docmdp_permissions=fields.MDPPerm.FILL_FORMS,
        embed_validation_info=True,
        validation_context=validation_context(),
    )


def _wrap(text: str, width: int) -> str:
    """Break a long organisation name onto lines of at most ``width`` characters (the stamp has no wrap)."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


def _appearance(identity: Identity, *, seal: bool, spec: KeySpec):
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.images import PdfImage
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    now = datetime.datetime.now(VN_TZ)
    if seal:
        image = None
        if spec.seal_path and Path(spec.seal_path).exists():
            from PIL import Image

            image = Image.open(spec.seal_path)
        # The seal in the box's upper part, the organisation's name and the time in the strip below
        # it (the box is taller than wide: decision_pdf.SEAL_TEXT_HEIGHT), so they never overlap.
        seal_box = 32 * 72 / 25.4
        style = TextStampStyle(
            stamp_text="%(org)s\n%(when)s",
            border_width=0,
            background=PdfImage(image or seal_image(identity.organisation)),
            background_opacity=1.0,
            background_layout=layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MID,
                y_align=layout.AxisAlignment.ALIGN_MAX,
                margins=layout.Margins(left=0, right=0, top=0, bottom=10 * 72 / 25.4),
            ),
            text_box_style=TextBoxStyle(font=_stamp_font(FONT, 6), font_size=6, leading=7),
            inner_content_layout=layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MID,
                y_align=layout.AxisAlignment.ALIGN_MIN,
                margins=layout.Margins(left=0, right=0, top=seal_box, bottom=1),
            ),
        )
        # Decree 30: the organisation's name and the time, as a reader writes it (Vietnam time).
        return style, {"org": _wrap(identity.organisation, 30), "when": now.strftime("%d/%m/%Y %H:%M")}
    # The seal covers the left third of the signer's box at issuance (Decree 30): the text keeps to
    # the two thirds on the right, so that seal and text never overlap.
    style = TextStampStyle(
        stamp_text="Ký bởi: %(name)s\n%(title)s\n%(org)s\nThời gian ký: %(when)s",
        border_width=1,
        text_box_style=TextBoxStyle(font=_stamp_font(FONT, 8), font_size=8),
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins(left=62 * 72 / 25.4 / 3 + 2, right=2, top=2, bottom=2),
        ),
    )
    return style, {
        "name": identity.person,
        "title": identity.title,
        "org": _wrap(identity.organisation, 34),
        "when": now.strftime("%d/%m/%Y %H:%M"),
    }


def _refuse_untrusted(exc: Exception):
    raise SigningRefused(
        _(
            "Chứng thư số không được chấp nhận: không thuộc danh sách tin cậy, hết hiệu lực hoặc đã bị thu hồi (%(error)s)."
        )
        % {"error": type(exc).__name__}
    ) from exc


def _sign(writer, spec: KeySpec, identity: Identity, *, field_name: str, reason: str, location: str,
          certify: bool, seal: bool, pin: str | None) -> bytes:  # fmt: skip
    from pyhanko.sign import signers
    from pyhanko.sign.general import SigningError
    from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError

    meta = _metadata(field_name=field_name, reason=reason, location=location, certify=certify)
    style, params = _appearance(identity, seal=seal, spec=spec)
    if spec.kind == "remote":
        return _sign_remote(writer, spec, identity, meta, style, params)
    with _local_signer(spec, identity, pin) as signer:
        _check(signer.signing_cert, identity, signer.cert_registry or ())
        pdf_signer = signers.PdfSigner(meta, signer=signer, stamp_style=style, timestamper=timestamper())
        try:
            out = pdf_signer.sign_pdf(writer, existing_fields_only=True, appearance_text_params=params)
        except (SigningError, PathBuildingError, PathValidationError) as exc:
            _refuse_untrusted(exc)
        except Exception as exc:
            if spec.kind != "pkcs11":
                raise
            # The token refused (removed mid-signature, PIN locked, key not allowed to sign).
            raise SigningRefused(
                _("Thiết bị ký số báo lỗi khi ký: %(error)s. Văn bản chưa được ký.") % {"error": exc}
            ) from exc
    return out.getvalue()


def _sign_remote(writer, spec, identity, meta, style, params) -> bytes:
    """pyHanko's interrupted signing: the server prepares the digest, the service signs it,
    the server embeds the signature (and the validation data)."""
    from pyhanko.sign import signers
    from pyhanko.sign.general import SigningError
    from pyhanko.sign.signers.pdf_signer import PdfTBSDocument
    from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    service = RemoteService(spec)
    cert, chain = service.certificates()
    _check(cert, identity, chain)
    placeholder = signers.ExternalSigner(
        signing_cert=cert,
        cert_registry=SimpleCertificateStore.from_certs(chain),
        signature_value=bytes(cert.public_key.bit_size // 8),
    )

    stamper = timestamper()

    async def run():
        pdf_signer = signers.PdfSigner(meta, signer=placeholder, stamp_style=style, timestamper=stamper)
        prepared, tbs, output = await pdf_signer.async_digest_doc_for_signing(
            writer, existing_fields_only=True, appearance_text_params=params
        )
        attrs = await placeholder.signed_attrs(prepared.document_digest, "sha256", use_pades=True)
        signature = service.sign_digest(hashlib.sha256(attrs.dump()).digest())
        final = signers.ExternalSigner(
            signing_cert=cert,
            cert_registry=SimpleCertificateStore.from_certs(chain),
            signature_value=signature,
        )
        cms = await final.async_sign_prescribed_attributes("sha256", signed_attrs=attrs, timestamper=stamper)
        await PdfTBSDocument.async_finish_signing(
            output,
            prepared,
            cms,
            post_sign_instr=tbs.post_sign_instructions,
            validation_context=meta.validation_context,
        )
        return output

    try:
        output = asyncio.run(run())
    except (SigningError, PathBuildingError, PathValidationError) as exc:
        _refuse_untrusted(exc)
    output.seek(0)
    data = output.read()
    if not _signature_checks_out(data, field_name=meta.field_name):
        raise SigningRefused(
            _("Chữ ký do dịch vụ ký số từ xa trả về không khớp với chứng thư số của người ký.")
        )
    return data


def _signature_checks_out(data: bytes, *, field_name: str) -> bool:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature

    reader = PdfFileReader(io.BytesIO(data))
    for sig in reader.embedded_signatures:
        if sig.field_name == field_name:
            status = validate_pdf_signature(sig, validation_context())
            return status.intact and status.valid
    return False


# --- the two signatures ----------------------------------------------------------------


def sign_as_person(pdf: bytes, layout: Layout, spec: KeySpec, identity: Identity, *, reason: str,
                   location: str, pin: str | None = None) -> bytes:  # fmt: skip
    """The signer's certifying signature over a document whose number and date are empty fields."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    for name in (FIELD_SIGNER, FIELD_ORGANISATION):
        page, rect = layout.rects[name]
        fields.append_signature_field(writer, fields.SigFieldSpec(name, on_page=page, box=rect))
    for name in (FIELD_NUMBER, FIELD_DATE, FIELD_QR, FIELD_ANNEX):
        if name in layout.rects:
            page, rect = layout.rects[name]
            _text_field(writer, name, page, rect)
    return _sign(writer, spec, identity, field_name=FIELD_SIGNER, reason=reason, location=location,
                 certify=True, seal=False, pin=pin)  # fmt: skip


def sign_as_organisation(pdf: bytes, spec: KeySpec, identity: Identity, *, number_text: str, date_text: str,
                         reason: str, location: str, pin: str | None = None, qr_url: str = "",
                         annex_text: str = "", title: str = "") -> bytes:  # fmt: skip
    """Issuance: fill the number and date (and the annex's reference to them), then the
    organisation's signature with the seal's image (an incremental update; the signer's signature
    stays intact). ``title`` becomes the file's Title (kind, number, subject)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    _fill_text_field(writer, FIELD_NUMBER, number_text)
    _fill_text_field(writer, FIELD_DATE, date_text, italic=True)
    if annex_text and _field(writer, FIELD_ANNEX) is not None:  # documents signed before it existed
        _fill_text_field(writer, FIELD_ANNEX, annex_text, italic=True)
    if qr_url:
        _fill_qr_field(writer, FIELD_QR, qr_url)
    if title:
        writer.document_meta.title = title
    return _sign(writer, spec, identity, field_name=FIELD_ORGANISATION, reason=reason, location=location,
                 certify=False, seal=True, pin=pin)  # fmt: skip


# --- verification ----------------------------------------------------------------------


@dataclass
class SignatureReport:
    field: str
    organisation_signature: bool
    name: str = ""
    organisation: str = ""
    title: str = ""
    signed_at: datetime.datetime | None = None
    intact: bool = False
    trusted: bool = False
    revoked: bool = False
    timestamped: bool = False  # a valid signature time-stamp (PAdES B-T)
    summary: str = ""


@dataclass
class Verification:
    valid: bool
    signer: str = ""
    signed_at: datetime.datetime | None = None
    reason: str = ""
    signatures: list = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return bool(self.signatures) and all(s.intact for s in self.signatures)


def _dss_context(reader, **extra):
    """The trust list, with the validation data embedded in the file (B-LT) and the cached CRLs;
    ``extra``: the validation moment (``moment``, ``retroactive_revinfo``)."""
    from asn1crypto import crl as asn1_crl
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    crls = [asn1_crl.CertificateList.load(data) for data in cached_crls()]
    kwargs = {
        "trust_roots": trust_roots(),
        "allow_fetching": False,
        "revocation_mode": "soft-fail",
        "crls": crls,
        **extra,
    }
    try:
        dss = DocumentSecurityStore.read_dss(handler=reader)
    except Exception:  # no DSS: only the cached CRLs
        return validation_context(**extra)
    return dss.as_validation_context(kwargs)


def _validate(sig, reader, at):
    """Validate now (or ``at``); a signature whose own certificate has since expired is judged at
    its time-stamp, with the validation data embedded then (long-term validation)."""
    from pyhanko.sign.validation import validate_pdf_signature

    now = {"moment": at} if at is not None else {}
    status = validate_pdf_signature(sig, _dss_context(reader, **now), _dss_context(reader, **now))
    stamp = status.timestamp_validity
    if status.trusted or not (status.intact and stamp is not None and stamp.trusted):
        return status
    then = _dss_context(reader, moment=stamp.timestamp, retroactive_revinfo=True)
    return validate_pdf_signature(sig, then, _dss_context(reader, **now))


def verify_signatures(data: bytes, *, at: datetime.datetime | None = None) -> Verification:
    """Every signature of the file: who (person, organisation), when, intact or not, trusted chain or not.

    ``valid``: at least one signature, all intact and trusted, nothing but validation data
    added after the last one, and the signer's certifying permissions respected."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel

    try:
        reader = PdfFileReader(io.BytesIO(data))
        signatures = reader.embedded_signatures
    except Exception as exc:
        return Verification(False, reason=type(exc).__name__)
    if not signatures:
        return Verification(False, reason="no signature")
    reports = []
    ok = True
    for index, sig in enumerate(signatures):
        org = sig.field_name == FIELD_ORGANISATION
        report = SignatureReport(field=sig.field_name, organisation_signature=org)
        try:
            status = _validate(sig, reader, at)
        except Exception as exc:
            report.summary = type(exc).__name__
            reports.append(report)
            ok = False
            continue
        names = certificate_names(status.signing_cert)
        report.name = names["common_name"]
        report.organisation = names["organization_name"] or (names["common_name"] if org else "")
        report.title = names["title"]
        report.signed_at = status.signer_reported_dt
        last = index == len(signatures) - 1
        allowed = ModificationLevel.LTA_UPDATES if last else ModificationLevel.FORM_FILLING
        level = status.modification_level
        report.intact = bool(
            status.intact and status.valid and status.docmdp_ok and level is not None and level <= allowed
        )
        report.trusted = bool(status.trusted)
        report.revoked = bool(getattr(status, "revoked", False))
        stamp = status.timestamp_validity
        report.timestamped = bool(stamp is not None and stamp.intact and stamp.valid)
        if report.timestamped:
            report.signed_at = stamp.timestamp
        report.summary = status.summary()
        ok = ok and report.intact and report.trusted and not report.revoked
        reports.append(report)
    first = reports[0]
    return Verification(
        ok,
        signer=first.name,
        signed_at=first.signed_at,
        reason="" if ok else "invalid",
        signatures=reports,
    )


def verify_pdf(data: bytes) -> Verification:
    return verify_signatures(data)
