def test_generated_module(tmp_path):
    (tmp_path / "generated_plugin.py").write_text("X = 1\n")
    import generated_plugin
    import a_module_that_does_not_exist_on_purpose  # tests may import missing modules

    assert generated_plugin.X == 1
