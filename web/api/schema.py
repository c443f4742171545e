def drop_slash_duplicates(endpoints, **kwargs):
    """The file downloads are documented at the contract's spelling (no trailing slash) only."""
    return [e for e in endpoints if not (e[0].endswith("/file/") or e[0].endswith("/pdf/"))]


ERROR_STATUSES = {
    "400": "Dữ liệu nhập chưa hợp lệ (fields: lỗi từng trường).",
    "401": "Chưa đăng nhập, hoặc mã truy cập hết hạn, bị thu hồi.",
    "403": "Không có quyền thực hiện thao tác này.",
    "404": "Không tìm thấy (hoặc ngoài phạm vi được xem; hoặc trang quá trang cuối).",
    "409": "Hồ sơ vừa thay đổi hoặc không ở trạng thái cho phép thao tác.",
    "415": "Kiểu nội dung gửi lên không được hỗ trợ (hoặc không đọc được).",
}


def document_errors(result, generator, request, public):
    """Every operation documents the one error shape for 400/401/403/404 (and 409 where it writes)."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = {
        "type": "object",
        "required": ["code", "detail", "fields"],
        "properties": {
            "code": {
                "type": "string",
                "description": "Mã lỗi ổn định: invalid, permission_denied, conflict …",
            },
            "detail": {"type": "string", "description": "Thông báo bằng tiếng Việt"},
            "fields": {"type": "object", "additionalProperties": {"type": "string"}},
        },
    }
    ref = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            public_op = operation.get("security") == [] or path.startswith("/api/public/")
            wanted = ["400", "429"] if public_op else ["400", "401", "403", "404"]
            if method in ("post", "put", "patch", "delete") and not public_op:
                wanted.append("409")
            if public_op and "{" in path:
                wanted.append("404")  # a public address naming what is not there (one 404 for any)
            if "requestBody" in operation:
                wanted.append("415")  # a body of a type not listed, or that cannot be read as it says
            paged = False
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query" and parameter.get("name") == "page":
                    parameter["schema"] = {"type": "integer", "minimum": 1}
                    paged = True
            if paged and "404" not in wanted:
                wanted.append("404")  # a page past the last
            responses = operation.setdefault("responses", {})
            for code in wanted:
                responses.setdefault(
                    code, {"description": ERROR_STATUSES.get(code, "Quá nhiều yêu cầu."), "content": ref}
                )
    return result
