"""Long bodies for generated pages: the template's blocks, then a heading, several
paragraphs of Vietnamese words and an image, drawn from the page's own seeded random.

The demo's bodies are a paragraph or two; real articles run to several screens, and a
search index of ten thousand copies of one paragraph measures nothing. The words are
common Vietnamese words about the province's heritage, with their diacritics (search
folds them), so every page has its own text and a query matches a realistic share of it.
"""

import uuid

WORDS = (
    "lễ hội làng nhà rông già làng cồng chiêng rượu cần trâu lúa rẫy mùa gặt mưa nắng núi rừng "
    "suối sông bếp lửa khung cửi thổ cẩm hoa văn áo váy khăn vòng bạc trống đàn kể chuyện sử thi "
    "người Ba Na Chăm H'roi H'rê Kinh Vân Canh An Lão Vĩnh Thạnh Hoài Ân tỉnh xã thôn buôn "
    "cúng thần cầu mưa mừng lúa mới bỏ mả đâm trâu mời khách uống ăn múa hát vòng tròn "
    "đan gùi dệt vải nấu cơm lam nướng cá suối hái rau rừng trồng bắp sắn đậu "
    "trẻ em cụ bà thanh niên phụ nữ đàn ông cả làng họ hàng con cháu ông bà tổ tiên "
    "sáng sớm chiều tối đêm trăng tháng giêng tháng ba mùa khô mùa mưa năm mới "
    "gìn giữ truyền dạy học hỏi nhớ lại ghi chép chụp ảnh quay phim bảo tàng trường học "
    "đường đất cầu treo bản đồ chợ phiên hợp tác xã sản phẩm giá bán chứng nhận"
).split()


def _sentence(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    return " ".join(words).capitalize() + "."


def paragraphs(rng, count):
    """``count`` paragraphs of four to seven sentences, as HTML."""
    return ["<p>" + " ".join(_sentence(rng) for _ in range(rng.randint(4, 7))) + "</p>" for _ in range(count)]


def _id(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def stream_body(rng, template_blocks, image_ids):
    """The template's StreamField blocks (raw) and about 600–1,500 more words."""
    blocks = [dict(block) for block in template_blocks]
    blocks.append({"type": "heading", "value": _sentence(rng)[:120], "id": _id(rng)})
    texts = paragraphs(rng, rng.randint(5, 10))
    middle = len(texts) // 2
    for n, html in enumerate(texts):
        if n == middle and image_ids:
            image = {"image": rng.choice(image_ids), "caption": _sentence(rng)[:200], "alt": ""}
            blocks.append({"type": "image", "value": image, "id": _id(rng)})
        blocks.append({"type": "paragraph", "value": html, "id": _id(rng)})
    return blocks


def rich_body(rng, template_html):
    """A RichTextField body: the template's HTML and several more paragraphs."""
    return (template_html or "") + "".join(paragraphs(rng, rng.randint(4, 8)))
