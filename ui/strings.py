"""The page's words in Vietnamese and English (gr.I18n), including Vietnamese for Gradio's own strings."""

from __future__ import annotations

import gradio as gr

# The page's own labels. Vietnamese is the page's language; English is shown when the browser asks for English.
PAGE_VI = {
    "header": "# Hỏi đáp bài báo\nTrả lời bằng cách **trích nguyên văn** bài viết, kèm số liệu và nguồn. "
              "Bấm vào số trích dẫn như [1] để xem đoạn đó trong bài.",
    "chat": "Trò chuyện",
    "chat_placeholder": "Hỏi về bài báo — ví dụ một câu trong mục «Câu hỏi gợi ý» bên dưới.",
    "chat_placeholder_plain": "Hỏi về bài báo — câu trả lời trích nguyên văn bài, kèm số liệu và nguồn.",
    "chat_placeholder_archive": "Hỏi về các bài trong kho — có thể chọn báo, khoảng ngày hoặc một bài ở mục "
                                "«Lọc bài trong kho» bên dưới.",
    "question_placeholder": "Nhập câu hỏi rồi nhấn Enter…",
    "ask": "Hỏi",
    "clear": "Xóa chat",
    "examples": "**Câu hỏi gợi ý**",
    "advanced": "Nâng cao",
    "mode": "Cách tìm đoạn văn",
    "k": "Số đoạn xét (k)",
    "article": "Bài báo",
    "own_article": "Bài của bạn",
    "upload": "Tải lên tệp .txt hoặc .html (có thể nhiều tệp)",
    "paste": "Hoặc dán nội dung bài báo",
    "paste_placeholder": "Dán tiêu đề và nội dung bài vào đây…",
    "use_paste": "Dùng bài đã dán",
    "reset": "Trở về bài mẫu",
    "picker": "Bài đang xem",
    "scope": "Hỏi trên",
    "scope_one": "Bài đang xem",
    "scope_all": "Tất cả các bài",
    "to_article": "Xem bài báo ↓",
    "filters": "Lọc bài trong kho",
    "outlet": "Báo",
    "since": "Từ ngày",
    "until": "Đến ngày",
    "filter_article": "Chỉ hỏi bài",
    "filter_article_info": "Chọn trong danh sách (gõ để tìm theo tiêu đề) hoặc nhập mã bài.",
}

PAGE_EN = {
    "header": "# Ask the article\nAnswers **quote the article word for word**, with its figures and the source. "
              "Click a citation such as [1] to see that passage in the article.",
    "chat": "Chat",
    "chat_placeholder": "Ask about the article — for example one of the suggested questions below.",
    "chat_placeholder_plain": "Ask about the article — answers quote it word for word, with its figures and the "
                              "source.",
    "chat_placeholder_archive": "Ask about the archive's articles — pick an outlet, a date range or one article "
                                "under «Filter the archive» below.",
    "question_placeholder": "Type a question and press Enter…",
    "ask": "Ask",
    "clear": "Clear chat",
    "examples": "**Suggested questions**",
    "advanced": "Advanced",
    "mode": "How passages are found",
    "k": "Passages considered (k)",
    "article": "Article",
    "own_article": "Your article",
    "upload": "Upload .txt or .html files (several at once)",
    "paste": "Or paste the article's text",
    "paste_placeholder": "Paste the title and the text of the article here…",
    "use_paste": "Use the pasted article",
    "reset": "Back to the sample article",
    "picker": "Article shown",
    "scope": "Ask about",
    "scope_one": "The article shown",
    "scope_all": "All articles",
    "to_article": "See the article ↓",
    "filters": "Filter the archive",
    "outlet": "Outlet",
    "since": "From",
    "until": "Until",
    "filter_article": "Only this article",
    "filter_article_info": "Pick from the list (type to search the titles) or enter an article id.",
}

# Gradio's own strings that this page shows, in Vietnamese (Gradio ships no Vietnamese); the keys are Gradio's.
GRADIO_VI = {
    "common": {"built_with": "xây dựng bằng", "built_with_gradio": "Xây dựng bằng Gradio", "clear": "Xóa",
               "download": "Tải về", "edit": "Sửa", "empty": "Trống", "error": "Lỗi", "loading": "Đang tải",
               "or": "hoặc", "remove": "Bỏ", "settings": "Cài đặt", "submit": "Gửi", "undo": "Hoàn tác",
               "language": "Ngôn ngữ", "display_theme": "Giao diện", "progress": "Tiến độ", "share": "Chia sẻ"},
    "errors": {"use_via_api": "Dùng qua API", "use_via_api_or_mcp": "Dùng qua API hoặc MCP"},
    "chatbot": {"copy_message": "Chép tin nhắn", "copied_message": "Đã chép", "like": "Hữu ích",
                "dislike": "Không hữu ích", "clear": "Xóa", "retry": "Thử lại", "undo": "Hoàn tác",
                "edit": "Sửa", "submit": "Gửi", "cancel": "Hủy"},
    "upload_text": {"click_to_upload": "Bấm để chọn tệp", "drop_file": "Thả tệp vào đây"},
    "file": {"uploading": "Đang tải lên…"},
    "blocks": {"lost_connection": "Mất kết nối vì rời trang. Đang kết nối lại…",
               "waiting_for_inputs": "Đang chờ tệp tải lên xong, vui lòng thử lại."},
    "status": {"queue_position": "Đang chờ: {position}/{size}"},
    "login": {"username": "tên đăng nhập", "password": "mật khẩu", "login": "Đăng nhập",
              "incorrect_credentials": "Sai tên đăng nhập hoặc mật khẩu"},
}

I18N = gr.I18n(vi={**GRADIO_VI, **PAGE_VI}, en=PAGE_EN)


def t(key: str) -> object:
    """A page string, translated in the browser."""
    return I18N(key)
