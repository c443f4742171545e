"""The product's signer without the demo app: no key provider, so no file keys, no demo root, no
demo time-stamper; the configured trust folder is the whole trust list."""

import pytest

from nominations.publishing import signing


@pytest.fixture
def without_demo_app(monkeypatch, settings, tmp_path):
    """As production runs: the demo app not installed, so nothing registered a key provider."""
    monkeypatch.setattr(signing, "_providers", [])
    settings.SIGNING_ALLOW_DEMO_KEYS = True  # even where the setting is on, nothing provides keys
    settings.SIGNING_TSA_URL = ""
    settings.SIGNING_TRUST_DIR = ""
    settings.SIGNING_CRL_DIR = ""
    return tmp_path


def test_demo_keys_are_refused_with_the_message_of_the_real_system(without_demo_app):
    spec = signing.KeySpec(kind="demo")
    identity = signing.Identity(person="Nguyễn Văn Chủ")
    with pytest.raises(signing.SigningRefused) as refused, signing._local_signer(spec, identity, None):
        pass
    assert refused.value.message == "Khóa tệp thử nghiệm không được dùng ở hệ thống thật."


def test_nothing_is_trusted_but_the_configured_folder(without_demo_app, settings):
    assert signing.trust_roots() == []
    assert signing.cached_crls() == []
    assert signing.timestamper() is None
    from demo.ca import demo_ca

    demo_ca(without_demo_app / "ca")  # any root the province puts in its folder
    folder = without_demo_app / "trust"
    folder.mkdir()
    (folder / "root.pem").write_bytes((without_demo_app / "ca" / "trust" / "demo-ca.pem").read_bytes())
    settings.SIGNING_TRUST_DIR = str(folder)
    roots = signing.trust_roots()
    assert [root.subject.native["common_name"] for root in roots] == ["CA thử nghiệm – Thi đua Khen thưởng"]


def test_with_the_demo_app_its_provider_answers_only_where_demo_keys_are_allowed(settings):
    settings.SIGNING_ALLOW_DEMO_KEYS = True
    assert type(signing.key_provider()).__name__ == "DemoKeys"
    settings.SIGNING_ALLOW_DEMO_KEYS = False
    assert signing.key_provider() is None
