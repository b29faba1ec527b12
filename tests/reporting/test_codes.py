import pytest

from reporting import codes


def test_references_look_like_two_groups_of_four_from_the_safe_alphabet():
    reference = codes.new_reference()

    assert len(reference) == 9
    assert reference[4] == "-"
    assert set(reference.replace("-", "")) <= set(codes.ALPHABET)


def test_the_alphabet_has_no_characters_that_are_easy_to_confuse():
    assert not set("01ILO") & set(codes.ALPHABET)


def test_a_return_code_splits_into_its_locator_and_secret_however_it_is_typed():
    assert codes.split_return_code(" 7kq2-9xhd 4mpa ") == ("7KQ2", "9XHD4MPA")


@pytest.mark.parametrize("typed", ["", "7KQ2-9XHD", "7KQ2-9XHD-4MPA-2", "0KQ2-9XHD-4MPA", "ÉKQ2-9XHD-4MPA"])
def test_anything_else_is_not_a_return_code(typed):
    assert codes.split_return_code(typed) is None


def test_new_return_codes_differ():
    assert len({codes.new_return_code() for _ in range(50)}) == 50
